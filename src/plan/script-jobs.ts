import type { MinterInput } from '../minter/input.js';
import type { Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { imageRef } from './image.js';
import { keygenInput, minterInput, scriptJobName, type KeygenInput } from './minter-files.js';
import { keygenName, minterName, widgetsConfigMapName } from './names.js';

/** Where a script Job's ConfigMap (the bundled script and its input) is mounted. */
export const SCRIPT_DIR = '/minter';

/**
 * A Job that runs the bundled script (chart/files/minter.mjs) on the stock Node image, with a
 * ServiceAccount, a Role on one object by name, a RoleBinding and a ConfigMap of its own.
 */
export interface ScriptJobPlan<Input> {
  readonly component: 'minter' | 'keygen';
  /** Name of the ServiceAccount, Role, RoleBinding and files ConfigMap. */
  readonly name: string;
  /** Name of the Job: ends in a hash of everything its pod runs with. */
  readonly jobName: string;
  /** The kind of the one object its Role reaches (resource name, plural). */
  readonly resource: 'secrets' | 'configmaps';
  /** The name of that object. */
  readonly resourceName: string;
  /** What the Role lets it do to that object. */
  readonly verbs: readonly string[];
  /** The input, as data. */
  readonly input: Input;
  /** The input as its file holds it (Helm's toJson). */
  readonly inputJson: string;
  /** The files of its ConfigMap: minter.mjs, and the input as minter.json or keygen.json. */
  readonly files: Readonly<Record<string, string>>;
  /** The container's image (minter.image). */
  readonly image: string;
  /** Arguments after `node /minter/minter.mjs`. */
  readonly args: readonly string[];
  /** Whether the container gets the JWT key from its Secret, as an env var. */
  readonly keyEnv: boolean;
  /** Annotations of the ServiceAccount, Role, RoleBinding and files ConfigMap. */
  readonly rbacAnnotations: Readonly<Record<string, string>>;
  /** Annotations of the Job. */
  readonly jobAnnotations: Readonly<Record<string, string>>;
}

/** The minter Job, and the ConfigMap it fills. */
export interface MinterJobPlan extends ScriptJobPlan<MinterInput> {
  /** The ConfigMap the tokens and snippets go to (also `resourceName`). */
  readonly outputName: string;
}

// Server-side apply of an object that does not exist yet is a create: without `create` a first run
// fails. resourceNames still confines it to one name, which the request's URL carries.
const SCRIPT_VERBS = ['get', 'patch', 'create'] as const;

/**
 * The minter Job: signs the widgets' tokens and writes them into one ConfigMap. It reads the key
 * from an env var fed by the Secret, so its Role needs no access to Secrets.
 * Twin: the minter entry of the chart's "rasa.scriptJobs" helper.
 */
export function minterJob(s: Settings, release: string, fullname: string, script: string): MinterJobPlan {
  const outputName = widgetsConfigMapName(s, fullname);
  return {
    ...scriptJob(s, fullname, script, 'minter', minterInput(s, release, outputName), []),
    name: minterName(fullname),
    resource: 'configmaps',
    resourceName: outputName,
    keyEnv: true,
    rbacAnnotations: s.minter.rbacAnnotations,
    jobAnnotations: s.minter.jobAnnotations,
    outputName,
  };
}

/**
 * The key generator Job (socketio.jwtKey.generate): creates the key Secret when it is absent and
 * never touches it afterwards.
 * Twin: the keygen entry of the chart's "rasa.scriptJobs" helper.
 */
export function keygenJob(s: Settings, release: string, fullname: string, script: string): ScriptJobPlan<KeygenInput> {
  return {
    ...scriptJob(s, fullname, script, 'keygen', keygenInput(s, release), ['--ensure-key']),
    name: keygenName(fullname),
    resource: 'secrets',
    resourceName: s.socketio.jwtKey.secretName,
    keyEnv: false,
    rbacAnnotations: s.minter.keygenRbacAnnotations,
    jobAnnotations: s.minter.keygenJobAnnotations,
  };
}

/** What every script Job derives from its input: the input file (minter.json or keygen.json), the Job's name. */
function scriptJob<Input>(s: Settings, fullname: string, script: string, component: 'minter' | 'keygen', input: Input,
  flags: readonly string[]): Pick<ScriptJobPlan<Input>, 'component' | 'jobName' | 'verbs' | 'input' | 'inputJson' | 'files' | 'image' | 'args'> {
  const inputFile = `${component}.json`;
  const inputJson = goJson(input);
  return {
    component,
    jobName: scriptJobName(s, fullname, component, inputJson, script),
    verbs: SCRIPT_VERBS,
    input,
    inputJson,
    files: { 'minter.mjs': script, [inputFile]: inputJson },
    image: imageRef(s.minter.image),
    args: [...flags, `${SCRIPT_DIR}/${inputFile}`],
  };
}
