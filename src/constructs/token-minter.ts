import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { minterInputJson, minterScript, scriptJobName } from './minter-files.js';
import { SCRIPT_DIR, ScriptJob, scriptJobMetadata } from './script-job.js';
import type { ReleaseProps } from './release-props.js';

/** Says who writes the data of the widgets ConfigMap, which is rendered without any. */
export const FILLED_BY_ANNOTATION = 'rasa-socketio-jwt/filled-by';

export interface TokenMinterProps extends ReleaseProps {
  /** Prefix of the object names (the chart's fullname). */
  readonly fullname: string;
}

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
    const s = props.settings;
    this.outputName = s.minter.configMapName || `${props.fullname}-widgets`;
    const metadata = scriptJobMetadata({ ...props, component: 'minter' }, s);

    // Owned here (so deleting the app deletes it) but not its data: the minter writes that with
    // server-side apply under its own field manager, which a re-apply of this empty object keeps.
    this.output = new kplus.ConfigMap(this, 'Output', {
      metadata: metadata(this.outputName, { [FILLED_BY_ANNOTATION]: 'the minter Job: widget tokens and snippets' }),
    });

    const script = minterScript();
    const input = minterInputJson(s, props.release, this.outputName);
    const key = s.socketio.jwtKey;
    this.scriptJob = new ScriptJob(this, 'Job', {
      ...props,
      name: `${props.fullname}-minter`,
      jobName: scriptJobName(s, props.fullname, 'minter', input, script),
      component: 'minter',
      // Server-side apply of an object that does not exist yet is a create: without `create` a
      // first run fails. resourceNames still confines it to this one name.
      access: { resource: kplus.ConfigMap.fromConfigMapName(this, 'OutputRef', this.outputName), verbs: ['get', 'patch', 'create'] },
      files: { 'minter.mjs': script, 'minter.json': input },
      args: [`${SCRIPT_DIR}/minter.json`],
      env: {
        [key.envName]: kplus.EnvValue.fromSecretValue({
          secret: kplus.Secret.fromSecretName(this, 'KeySecret', key.secretName), key: key.secretKey,
        }),
      },
      rbacAnnotations: s.minter.rbacAnnotations,
      jobAnnotations: s.minter.jobAnnotations,
    });
  }
}
