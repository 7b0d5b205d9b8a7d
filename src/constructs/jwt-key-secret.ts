import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';

/** Marks a Secret made from a key in the values: fine on a laptop, never for a shared cluster. */
export const LOCAL_ONLY_ANNOTATION = 'rasa-socketio-jwt/local-only';

export type JwtKeySecretProps = PlanProps;

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
    const { plan } = props;
    const { secretName, secretKey, literal } = plan.settings.socketio.jwtKey;
    this.rendered = plan.gates.jwtKeySecret;
    if (!this.rendered) {
      this.secret = kplus.Secret.fromSecretName(this, 'Resource', secretName);
      return;
    }
    const secret = new kplus.Secret(this, 'Resource', {
      metadata: objectMetadata(plan, 'server', secretName, {
        [LOCAL_ONLY_ANNOTATION]: 'made from socketio.jwtKey.literal; for a shared cluster create the Secret yourself',
      }),
    });
    secret.addStringData(secretKey, literal);
    this.secret = secret;
  }
}
