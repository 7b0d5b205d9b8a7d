import { Construct } from 'constructs';
import type { KeygenInput, ScriptJobPlan } from '../plan/index.js';
import { ScriptJob, type ScriptJobCommonProps } from './script-job.js';

/** Properties of `KeyGenerator`. */
export interface KeyGeneratorProps extends ScriptJobCommonProps {
  /** The key generator Job's part of the plan (plan.keyGenerator): names, input, the Secret it creates. */
  readonly job: ScriptJobPlan<KeygenInput>;
}

/**
 * For socketio.jwtKey.generate: a Job running the key generator (chart/files/keygen.mjs), which
 * creates the key Secret when it is absent and never touches it afterwards, so the key is stable
 * across upgrades and GitOps syncs (a key rendered into the manifests would change on every
 * render). Its Role reaches that one Secret by name.
 */
export class KeyGenerator extends Construct {
  /** The Job with its ServiceAccount, Role, RoleBinding and files. */
  public readonly scriptJob: ScriptJob;

  constructor(scope: Construct, id: string, props: KeyGeneratorProps) {
    super(scope, id);
    this.scriptJob = new ScriptJob(this, 'Job', props);
  }
}
