import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata } from '../plan/index.js';

/** Marks a Secret made from a key in the values: fine on a laptop, never for a shared cluster. */
export const LOCAL_ONLY_ANNOTATION = 'rasa-socketio-jwt/local-only';

/** Properties of `JwtKeySecret`. */
export interface JwtKeySecretProps {
  /** Name of the Secret (socketio.jwtKey.secretName). */
  readonly secretName: string;
  /** The key inside it that holds the JWT key (socketio.jwtKey.secretKey). */
  readonly secretKey: string;
  /**
   * LOCAL USE ONLY: a key to render the Secret from (socketio.jwtKey.literal); it then sits in the
   * manifests.
   * @default - none: the Secret is referenced by name, never rendered
   */
  readonly literal?: string;
  /**
   * Namespace, labels and annotations of the Secret when it is rendered.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * The Secret that holds the socketio JWT key. Referenced by name (the default: the key is created
 * out of band and never passes through values or Git); created here only from a literal key, for
 * local use, and then annotated as such.
 */
export class JwtKeySecret extends Construct {
  /** The Secret, rendered or referenced: what RasaServer and TokenMinter take the key from. */
  public readonly secret: kplus.ISecret;
  /** The key inside the Secret that holds the JWT key. */
  public readonly key: string;
  /** True when this construct renders the Secret (literal key, local use). */
  public readonly rendered: boolean;

  constructor(scope: Construct, id: string, props: JwtKeySecretProps) {
    super(scope, id);
    const { secretName, literal } = props;
    this.key = props.secretKey;
    this.rendered = literal !== undefined;
    if (literal === undefined) {
      this.secret = kplus.Secret.fromSecretName(this, 'Resource', secretName);
      return;
    }
    const secret = new kplus.Secret(this, 'Resource', {
      metadata: objectMetadata(props.metadata ?? {}, secretName, {
        [LOCAL_ONLY_ANNOTATION]: 'made from socketio.jwtKey.literal; for a shared cluster create the Secret yourself',
      }),
    });
    secret.addStringData(this.key, literal);
    this.secret = secret;
  }
}
