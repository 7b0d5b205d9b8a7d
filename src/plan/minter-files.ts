import { createHash } from 'node:crypto';
import type { MinterInput } from '../minter/input.js';
import { readChartFile, type Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { APP_VERSION, objectLabels } from './labels.js';
import { resolveWidgets } from './widgets.js';

/** The bundled in-cluster minter, the same file the chart ships (chart/files/minter.mjs). */
export function minterScript(): string {
  return readChartFile('files/minter.mjs');
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
    widgets: resolveWidgets(s),
  };
}

/** What the key generator reads (keygen.json): the Secret it ensures, and its labels. */
export interface KeygenInput {
  /** Labels of the Secret, when the generator creates it. */
  readonly labels: Readonly<Record<string, string>>;
  /** The channel's jwt_method, which sets the shortest key an existing Secret may hold. */
  readonly method: Settings['socketio']['jwtMethod'];
  /** Key inside the Secret. */
  readonly secretKey: string;
  /** Name of the Secret. */
  readonly secretName: string;
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
export function scriptJobName(s: Settings, fullname: string, kind: 'minter' | 'keygen', inputJson: string, script: string): string {
  return `${fullname.slice(0, 41).replace(/-$/, '')}-${kind}-${scriptJobHash(s, inputJson, script)}`;
}

function scriptJobHash(s: Settings, inputJson: string, script: string): string {
  const inputs = goJson({
    input: inputJson,
    script: createHash('sha256').update(script).digest('hex'),
    minter: s.minter,
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
