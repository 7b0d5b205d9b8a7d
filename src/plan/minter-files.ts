import { createHash } from 'node:crypto';
import type { KeygenInput } from '../keygen/input.js';
import type { MinterInput } from '../minter/input.js';
import { readChartFile, type Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { jobScheduling } from './job-scheduling.js';
import { keyGeneratorAnnotations } from './key-generator.js';
import { APP_VERSION, objectLabels } from './labels.js';
import { fullname } from './names.js';
import { resolveWidgets } from './widgets.js';

export type { KeygenInput } from '../keygen/input.js';

/** The in-cluster programs, each a Job of its own: the minter and the key generator. */
export type Program = 'minter' | 'keygen';

/**
 * A bundled in-cluster program, the same file the chart ships (chart/files/minter.mjs or
 * chart/files/keygen.mjs).
 */
export function programScript(program: Program): string {
  return readChartFile(`files/${program}.mjs`);
}

/**
 * minter.json: everything the minter needs but the key, which arrives through an env var.
 * Twin: the chart's "rasa.minterInput" helper.
 */
export function minterInput(s: Settings, release: string, outputName: string): MinterInput {
  return {
    configMap: outputName,
    labels: objectLabels(s, release, 'minter'),
    keyEnv: s.socketio.jwtKey.envName,
    method: s.socketio.jwtMethod,
    // The Rasa Deployment is named as the fullname.
    restartDeployment: s.minter.restartOnKeyChange ? fullname(s, release) : '',
    widgets: resolveWidgets(s),
  };
}

/**
 * keygen.json: the Secret the key generator ensures, and its labels.
 * Twin: the chart's "rasa.keygenInput" helper.
 */
export function keygenInput(s: Settings, release: string): KeygenInput {
  return {
    labels: objectLabels(s, release, 'keygen'),
    method: s.socketio.jwtMethod,
    secretKey: s.socketio.jwtKey.secretKey,
    secretName: s.socketio.jwtKey.secretName,
  };
}

/**
 * A Job's pod template cannot change, so `kubectl apply` and GitOps tools need a new Job whenever
 * anything its pod runs with changes: its name ends in a hash of all of it. The fullname is cut so
 * that the name fits the 63 characters of the job-name label.
 * Twin: the chart's "rasa.scriptJobName" helper, which hashes the same bytes.
 */
export function scriptJobName(s: Settings, fullname: string, kind: Program, inputJson: string, script: string): string {
  return `${fullname.slice(0, 41).replace(/-$/, '')}-${kind}-${scriptJobHash(s, inputJson, script)}`;
}

function scriptJobHash(s: Settings, inputJson: string, script: string): string {
  // The deprecated aliases count through the annotations they are applied to.
  const { keygenJobAnnotations: _job, keygenRbacAnnotations: _rbac, ...minter } = s.minter;
  const inputs = goJson({
    input: inputJson,
    script: createHash('sha256').update(script).digest('hex'),
    minter,
    // What the pod gets of rasa.* when minter.* leaves it unset.
    scheduling: jobScheduling(s),
    keyGenerator: keyGeneratorAnnotations(s),
    jwtKey: { secretName: s.socketio.jwtKey.secretName, secretKey: s.socketio.jwtKey.secretKey },
    commonLabels: s.commonLabels,
    commonAnnotations: s.commonAnnotations,
    // The version label is on the pod template; the literal key changes what the pod reads from
    // the Secret without changing the template. Only its hash goes in: the name is public.
    appVersion: APP_VERSION,
    literalKeySha256: createHash('sha256').update(s.socketio.jwtKey.literal).digest('hex'),
  });
  return createHash('sha256').update(inputs).digest('hex').slice(0, 10);
}
