import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectLabels } from './labels.js';
import type { ReleaseProps } from './release-props.js';

/** Marks a Secret made from a key in the values: fine on a laptop, never for a shared cluster. */
export const LOCAL_ONLY_ANNOTATION = 'rasa-socketio-jwt/local-only';

export type JwtKeySecretProps = ReleaseProps;

/**
 * The Secret that holds the socketio JWT key. Referenced by name (the default: the key is created
 * out of band and never passes through values or Git); created here only from
 * `socketio.jwtKey.literal`, for local use, and then annotated as such.
 */
export class JwtKeySecret extends Construct {
  public readonly secret: kplus.ISecret;
  /** True when this construct renders the Secret (literal key, local use). */
  public readonly rendered: boolean;

  constructor(scope: Construct, id: string, props: JwtKeySecretProps) {
    super(scope, id);
    const { secretName, secretKey, literal } = props.settings.socketio.jwtKey;
    this.rendered = literal !== '';
    if (!this.rendered) {
      this.secret = kplus.Secret.fromSecretName(this, 'Resource', secretName);
      return;
    }
    const secret = new kplus.Secret(this, 'Resource', {
      metadata: {
        name: secretName,
        namespace: props.namespace,
        labels: objectLabels(props.settings, props.release, 'server'),
        annotations: {
          ...props.settings.commonAnnotations,
          [LOCAL_ONLY_ANNOTATION]: 'made from socketio.jwtKey.literal; for a shared cluster create the Secret yourself',
        },
      },
    });
    secret.addStringData(secretKey, literal);
    this.secret = secret;
  }
}
