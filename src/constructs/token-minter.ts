import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type MinterJobPlan } from '../plan/index.js';
import { ScriptJob, type ScriptJobCommonProps } from './script-job.js';

/** Says who writes the data of the widgets ConfigMap, which is rendered without any. */
export const FILLED_BY_ANNOTATION = 'rasa-socketio-jwt/filled-by';

/** Properties of `TokenMinter`. */
export interface TokenMinterProps extends ScriptJobCommonProps {
  /** The minter Job's part of the plan (plan.minter): its names, input and the ConfigMap it fills. */
  readonly job: MinterJobPlan;
  /** The Secret and key the JWT key comes from, as the env var the minter reads (job.input.keyEnv). */
  readonly jwtKey: kplus.SecretValue;
}

/**
 * The Job that mints the widget tokens in the cluster. Its Role may get and patch ONE ConfigMap
 * by name (and create it, for a first server-side apply) and, with minter.restartOnKeyChange, get
 * and patch the Rasa Deployment by name (to restart its pods on a new key); the key reaches it as
 * an env var from the Secret, so it needs no access to Secrets at all.
 */
export class TokenMinter extends Construct {
  /** Name of the ConfigMap the tokens and snippets are written to. */
  public readonly outputName: string;
  /** That ConfigMap, rendered empty so that it is deleted with the rest. */
  public readonly output: kplus.ConfigMap;
  /** The Job with its ServiceAccount, Role, RoleBinding and files. */
  public readonly scriptJob: ScriptJob;

  constructor(scope: Construct, id: string, props: TokenMinterProps) {
    super(scope, id);
    const { job, jwtKey, ...common } = props;
    this.outputName = job.outputName;
    // Owned here (so deleting the app deletes it) but not its data: the minter writes that with
    // server-side apply under its own field manager, which a re-apply of this empty object keeps.
    this.output = new kplus.ConfigMap(this, 'Output', {
      metadata: objectMetadata(props.metadata ?? {}, this.outputName, { [FILLED_BY_ANNOTATION]: 'the minter Job: widget tokens and snippets' }),
    });
    this.scriptJob = new ScriptJob(this, 'Job', {
      ...common,
      job,
      envVariables: { [job.input.keyEnv]: kplus.EnvValue.fromSecretValue(jwtKey) },
    });
  }
}
