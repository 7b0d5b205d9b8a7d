import { readFileSync } from 'node:fs';
import { MintError } from './errors.js';
import { parseMinterInput } from './input.js';
import { signingKey } from './key.js';
import { applyConfigMap } from './kube/apply-configmap.js';
import { KEY_FINGERPRINT_ANNOTATION, restartOnNewKey } from './kube/key-rollout.js';
import { requestOptions, runProgram, type ProgramOptions } from './kube/program.js';
import { inClusterConnection } from './kube/service-account.js';
import { mintWidgets } from './mint.js';

export interface InClusterOptions extends ProgramOptions {
  readonly now?: () => number;
}

/**
 * The minter Job (and each run of the re-mint CronJob): reads minter.json (argv[0]), the key from
 * the env var it names, mints every widget, restarts the Rasa pods when the key is not the one they
 * loaded (input.restartDeployment, see restartOnNewKey), and writes the ConfigMap in the pod's
 * namespace. The restart comes first: should the write fail, the next run still sees the old key
 * recorded and writes the tokens; the other way round, it could not tell that the pods need a
 * restart. Logs what it does, never the key or a token. Returns the exit status (PROGRAM_EXIT).
 *
 * Optional environment, for slow API servers and for running it outside a pod:
 *   MINTER_MAX_ATTEMPTS         write attempts in all (default 6)
 *   MINTER_REQUEST_TIMEOUT_MS   per request (default 15000)
 *   MINTER_SERVICE_ACCOUNT_DIR  where token, ca.crt and namespace are (default: the kubelet's path)
 */
export function runInCluster(opts: InClusterOptions): Promise<number> {
  const { log } = opts;
  return runProgram(log, async () => {
    const inputPath = opts.argv[0];
    if (!inputPath) throw new MintError('ERR_MINT_INPUT', 'usage: minter.mjs <minter.json>');
    const input = parseMinterInput(JSON.parse(readFileSync(inputPath, 'utf8')));
    const key = signingKey(opts.env[input.keyEnv], `the environment variable ${input.keyEnv}`, input.method);
    const { conn, namespace } = inClusterConnection(opts.env, 'minter', opts.env.MINTER_SERVICE_ACCOUNT_DIR || undefined);
    const result = await mintWidgets(input, key, (opts.now ?? Date.now)());
    log(`minted ${input.widgets.length} widget token(s) with ${input.method}, key fingerprint ${result.keyFingerprint}`);
    const requests = requestOptions(opts.env, 'MINTER', log);
    if (input.restartDeployment) {
      const rollout = await restartOnNewKey(conn, {
        namespace, deployment: input.restartDeployment, configMap: input.configMap, fingerprint: result.keyFingerprint,
      }, requests).catch((error: unknown) => {
        // The check comes first, so a failure here leaves the tokens as they were: say so.
        if (error instanceof MintError && error.code === 'ERR_WRITE_FAILED') {
          throw new MintError(error.code, `${error.message}. ConfigMap ${namespace}/${input.configMap} was not written: the previous one, if any, is unchanged`);
        }
        throw error;
      });
      if (rollout.restarted) {
        log(`the key has changed (fingerprint ${result.keyFingerprint}, the pods' was ${rollout.previous}): restarting the Rasa pods of ` +
          `Deployment ${namespace}/${input.restartDeployment}, which read the key only at start (pod template annotation ${KEY_FINGERPRINT_ANNOTATION})`);
      }
    }
    const { resourceVersion } = await applyConfigMap(conn, {
      namespace, name: input.configMap, labels: input.labels, data: result.data,
    }, requests);
    log(`wrote ConfigMap ${namespace}/${input.configMap}: ${Object.keys(result.data).length} keys, ${result.bytes} bytes, resourceVersion ${resourceVersion}`);
  });
}
