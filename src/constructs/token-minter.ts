import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';
import { ScriptJob } from './script-job.js';

/** Says who writes the data of the widgets ConfigMap, which is rendered without any. */
export const FILLED_BY_ANNOTATION = 'rasa-socketio-jwt/filled-by';

export type TokenMinterProps = PlanProps;

/**
 * The Job that mints the widget tokens in the cluster. Its Role may get and patch ONE ConfigMap
 * by name (and create it, for a first server-side apply); the key reaches it as an env var from
 * the Secret, so it needs no access to Secrets at all.
 */
export class TokenMinter extends Construct {
  /** Name of the ConfigMap the tokens and snippets are written to. */
  public readonly outputName: string;
  /** That ConfigMap, rendered empty so that it is deleted with the rest. */
  public readonly output: kplus.ConfigMap;
  public readonly scriptJob: ScriptJob;

  constructor(scope: Construct, id: string, props: TokenMinterProps) {
    super(scope, id);
    const { plan } = props;
    this.outputName = plan.minter.outputName;
    // Owned here (so deleting the app deletes it) but not its data: the minter writes that with
    // server-side apply under its own field manager, which a re-apply of this empty object keeps.
    this.output = new kplus.ConfigMap(this, 'Output', {
      metadata: objectMetadata(plan, 'minter', this.outputName, { [FILLED_BY_ANNOTATION]: 'the minter Job: widget tokens and snippets' }),
    });
    this.scriptJob = new ScriptJob(this, 'Job', { plan, job: plan.minter });
  }
}
