import type { MinterInput } from '../minter/input.js';
import type { Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { imageRef } from './image.js';
import { jobScheduling, type JobScheduling } from './job-scheduling.js';
import { keyGeneratorAnnotations } from './key-generator.js';
import { keygenInput, minterInput, scriptJobName, type KeygenInput, type Program } from './minter-files.js';
import { keygenName, minterName, widgetsConfigMapName } from './names.js';
import { remintSchedule } from './remint.js';

/** One rule of a script Job's Role: some verbs on one object, by name. */
export interface RoleRulePlan {
  /** The object's API group: '' for the core group. */
  readonly apiGroup: '' | 'apps';
  /** Its kind (resource name, plural). */
  readonly resource: 'secrets' | 'configmaps' | 'deployments';
  /** The one object the rule allows, by name (resourceNames). */
  readonly resourceName: string;
  /** What the Job may do to it (e.g. get, patch, create). */
  readonly verbs: readonly string[];
}

/**
 * A Job that runs a bundled program (chart/files/minter.mjs or keygen.mjs) on the stock Node image,
 * with a ServiceAccount, a Role on named objects only, a RoleBinding and a ConfigMap of its own.
 */
export interface ScriptJobPlan<Input> {
  /** The program it runs; also the name of its component, its container and its files' volume. */
  readonly component: Program;
  /** Name of the ServiceAccount, Role, RoleBinding and files ConfigMap. */
  readonly name: string;
  /** Name of the Job: ends in a hash of everything its pod runs with. */
  readonly jobName: string;
  /** Its Role's rules: the object it writes first, each rule on one object by name. */
  readonly rules: readonly RoleRulePlan[];
  /** The input, as data. */
  readonly input: Input;
  /** The input as its file holds it (Helm's toJson). */
  readonly inputJson: string;
  /** The files of its ConfigMap: the program and its input (minter.mjs and minter.json, or keygen.mjs and keygen.json). */
  readonly files: Readonly<Record<string, string>>;
  /** Where the container sees those files: /minter or /keygen. */
  readonly mountPath: string;
  /** The container's image (minter.image, for both programs). */
  readonly image: string;
  /** Where its pod runs and the Secrets its image is pulled with (see jobScheduling). */
  readonly scheduling: JobScheduling;
  /** The container's command: node, the program, its input. */
  readonly command: readonly string[];
  /** Whether the container gets the JWT key from its Secret, as an env var. */
  readonly keyEnv: boolean;
  /** Annotations of the ServiceAccount, Role, RoleBinding, files ConfigMap and NetworkPolicy. */
  readonly rbacAnnotations: Readonly<Record<string, string>>;
  /** Annotations of the Job. */
  readonly jobAnnotations: Readonly<Record<string, string>>;
}

/** The minter Job, and the ConfigMap it fills. */
export interface MinterJobPlan extends ScriptJobPlan<MinterInput> {
  /** The ConfigMap the tokens and snippets go to (the object of the first rule). */
  readonly outputName: string;
}

// Server-side apply of an object that does not exist yet is a create: without `create` a first run
// fails. resourceNames still confines it to one name, which the request's URL carries.
const SCRIPT_VERBS = ['get', 'patch', 'create'] as const;

/**
 * The minter Job: signs the widgets' tokens and writes them into one ConfigMap. It reads the key
 * from an env var fed by the Secret, so its Role needs no access to Secrets. With
 * minter.restartOnKeyChange it may also get and patch the Rasa Deployment (named as the fullname),
 * to restart its pods when the key has changed.
 * Twin: the minter entry of the chart's "rasa.scriptJobs" helper.
 */
export function minterJob(s: Settings, release: string, fullname: string, script: string): MinterJobPlan {
  const outputName = widgetsConfigMapName(s, fullname);
  const input = minterInput(s, release, outputName);
  const rules: RoleRulePlan[] = [{ apiGroup: '', resource: 'configmaps', resourceName: outputName, verbs: SCRIPT_VERBS }];
  if (input.restartDeployment) {
    rules.push({ apiGroup: 'apps', resource: 'deployments', resourceName: input.restartDeployment, verbs: ['get', 'patch'] });
  }
  return {
    ...scriptJob(s, fullname, script, 'minter', input),
    name: minterName(fullname),
    rules,
    keyEnv: true,
    rbacAnnotations: minterRbacAnnotations(s),
    jobAnnotations: s.minter.jobAnnotations,
    outputName,
  };
}

/**
 * The annotations of the minter's ServiceAccount, Role, RoleBinding and files ConfigMap:
 * minter.rbacAnnotations, less Helm's hook annotations when the re-mint CronJob runs. Its runs need
 * those objects long after the minter Job, and a hook's would be deleted once the Job succeeds
 * (by Helm, and by Argo CD, which reads Helm's hook annotations as its own).
 * Twin: the chart's "rasa.minterRbacAnnotations" helper.
 */
export function minterRbacAnnotations(s: Settings): Readonly<Record<string, string>> {
  const annotations = s.minter.rbacAnnotations;
  if (remintSchedule(s) === '') return annotations;
  // A values file's null leaves the setting out, as Helm does.
  return Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => !k.startsWith('helm.sh/hook')));
}

/**
 * The key generator Job (socketio.jwtKey.generate): creates the key Secret when it is absent and
 * never touches it afterwards.
 * Twin: the keygen entry of the chart's "rasa.scriptJobs" helper.
 */
export function keygenJob(s: Settings, release: string, fullname: string, script: string): ScriptJobPlan<KeygenInput> {
  return {
    ...scriptJob(s, fullname, script, 'keygen', keygenInput(s, release)),
    name: keygenName(fullname),
    rules: [{ apiGroup: '', resource: 'secrets', resourceName: s.socketio.jwtKey.secretName, verbs: SCRIPT_VERBS }],
    keyEnv: false,
    ...keyGeneratorAnnotations(s),
  };
}

/**
 * What every script Job derives from its program and input: its files (PROGRAM.mjs and
 * PROGRAM.json), mounted at /PROGRAM, the command that runs them, the Job's name.
 */
function scriptJob<Input>(s: Settings, fullname: string, script: string, component: Program, input: Input):
  Pick<ScriptJobPlan<Input>, 'component' | 'jobName' | 'input' | 'inputJson' | 'files' | 'mountPath' | 'image' | 'scheduling' | 'command'> {
  const inputJson = goJson(input);
  const mountPath = `/${component}`;
  return {
    component,
    jobName: scriptJobName(s, fullname, component, inputJson, script),
    input,
    inputJson,
    files: { [`${component}.mjs`]: script, [`${component}.json`]: inputJson },
    mountPath,
    image: imageRef(s.minter.image),
    scheduling: jobScheduling(s),
    command: ['node', `${mountPath}/${component}.mjs`, `${mountPath}/${component}.json`],
  };
}
