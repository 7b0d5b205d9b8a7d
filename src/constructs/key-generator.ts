import { Construct } from 'constructs';
import type { PlanProps } from './plan-props.js';
import { ScriptJob } from './script-job.js';

export type KeyGeneratorProps = PlanProps;

/**
 * For socketio.jwtKey.generate: a Job running the key generator (chart/files/keygen.mjs), which
 * creates the key Secret when it is absent and never touches it afterwards, so the key is stable
 * across upgrades and GitOps syncs (a key rendered into the manifests would change on every
 * render). Its Role reaches that one Secret by name.
 */
export class KeyGenerator extends Construct {
  public readonly scriptJob: ScriptJob;

  constructor(scope: Construct, id: string, props: KeyGeneratorProps) {
    super(scope, id);
    this.scriptJob = new ScriptJob(this, 'Job', { plan: props.plan, job: props.plan.keyGenerator });
  }
}
