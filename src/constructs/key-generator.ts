import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { keygenInputJson, minterScript, scriptJobName } from './minter-files.js';
import { SCRIPT_DIR, ScriptJob } from './script-job.js';
import type { ReleaseProps } from './release-props.js';

export interface KeyGeneratorProps extends ReleaseProps {
  /** Prefix of the object names (the chart's fullname). */
  readonly fullname: string;
}

/**
 * For socketio.jwtKey.generate: a Job that creates the key Secret when it is absent and never
 * touches it afterwards, so the key is stable across upgrades and GitOps syncs (a key rendered
 * into the manifests would change on every render). Its Role reaches that one Secret by name.
 */
export class KeyGenerator extends Construct {
  public readonly scriptJob: ScriptJob;

  constructor(scope: Construct, id: string, props: KeyGeneratorProps) {
    super(scope, id);
    const s = props.settings;
    const script = minterScript();
    const input = keygenInputJson(s, props.release);
    const secretName = s.socketio.jwtKey.secretName;
    this.scriptJob = new ScriptJob(this, 'Job', {
      ...props,
      name: `${props.fullname}-keygen`,
      jobName: scriptJobName(s, props.fullname, 'keygen', input, script),
      component: 'keygen',
      // Created by server-side apply, whose URL names the Secret: so `create` can be confined to it.
      access: { resource: kplus.Secret.fromSecretName(this, 'KeyRef', secretName), verbs: ['get', 'patch', 'create'] },
      files: { 'minter.mjs': script, 'keygen.json': input },
      args: ['--ensure-key', `${SCRIPT_DIR}/keygen.json`],
      env: {},
      rbacAnnotations: s.minter.keygenRbacAnnotations,
      jobAnnotations: s.minter.keygenJobAnnotations,
    });
  }
}
