import { createHash } from 'node:crypto';
import { readChartFile, resolveWidgets, type Settings } from '../settings/index.js';
import { goJson } from './go-json.js';
import { APP_VERSION, objectLabels } from './labels.js';

/** The bundled in-cluster minter, the same file the chart ships (chart/files/minter.mjs). */
export function minterScript(): string {
  return readChartFile('files/minter.mjs');
}

/** minter.json: everything the minter needs but the key (see src/minter/input.ts). */
export function minterInputJson(s: Settings, release: string, outputName: string): string {
  return goJson({
    configMap: outputName,
    labels: objectLabels(s, release, 'minter'),
    keyEnv: s.socketio.jwtKey.envName,
    method: s.socketio.jwtMethod,
    widgets: resolveWidgets(s),
  });
}

/** keygen.json: the Secret the key generator ensures, and its labels. */
export function keygenInputJson(s: Settings, release: string): string {
  return goJson({
    labels: objectLabels(s, release, 'keygen'),
    method: s.socketio.jwtMethod,
    secretKey: s.socketio.jwtKey.secretKey,
    secretName: s.socketio.jwtKey.secretName,
  });
}

/**
 * A Job's pod template cannot change, so `kubectl apply` and GitOps tools need a new Job whenever
 * anything its pod runs with changes: its name ends in a hash of all of it. The fullname is cut so
 * that the name fits the 63 characters of the job-name label (as the chart's scriptJobName).
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
