import type { MinterInput } from '../minter/input.js';
import type { Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { imageRef } from './image.js';
import { keyGeneratorAnnotations } from './key-generator.js';
import { keygenInput, minterInput, scriptJobName, type KeygenInput, type Program } from './minter-files.js';
import { keygenName, minterName, widgetsConfigMapName } from './names.js';

/**
 * A Job that runs a bundled program (chart/files/minter.mjs or keygen.mjs) on the stock Node image,
 * with a ServiceAccount, a Role on one object by name, a RoleBinding and a ConfigMap of its own.
 */
export interface ScriptJobPlan<Input> {
  /** The program it runs; also the name of its component, its container and its files' volume. */
  readonly component: Program;
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
  /** The files of its ConfigMap: the program and its input (minter.mjs and minter.json, or keygen.mjs and keygen.json). */
  readonly files: Readonly<Record<string, string>>;
  /** Where the container sees those files: /minter or /keygen. */
  readonly mountPath: string;
  /** The container's image (minter.image, for both programs). */
  readonly image: string;
  /** The container's command: node, the program, its input. */
  readonly command: readonly string[];
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
    ...scriptJob(s, fullname, script, 'minter', minterInput(s, release, outputName)),
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
    ...scriptJob(s, fullname, script, 'keygen', keygenInput(s, release)),
    name: keygenName(fullname),
    resource: 'secrets',
    resourceName: s.socketio.jwtKey.secretName,
    keyEnv: false,
    ...keyGeneratorAnnotations(s),
  };
}

/**
 * What every script Job derives from its program and input: its files (PROGRAM.mjs and
 * PROGRAM.json), mounted at /PROGRAM, the command that runs them, the Job's name.
 */
function scriptJob<Input>(s: Settings, fullname: string, script: string, component: Program, input: Input):
  Pick<ScriptJobPlan<Input>, 'component' | 'jobName' | 'verbs' | 'input' | 'inputJson' | 'files' | 'mountPath' | 'image' | 'command'> {
  const inputJson = goJson(input);
  const mountPath = `/${component}`;
  return {
    component,
    jobName: scriptJobName(s, fullname, component, inputJson, script),
    verbs: SCRIPT_VERBS,
    input,
    inputJson,
    files: { [`${component}.mjs`]: script, [`${component}.json`]: inputJson },
    mountPath,
    image: imageRef(s.minter.image),
    command: ['node', `${mountPath}/${component}.mjs`, `${mountPath}/${component}.json`],
  };
}
