import { readFileSync } from 'node:fs';
import { MintError } from '../minter/errors.js';
import { keyFingerprint } from '../minter/fingerprint.js';
import { runProgram, requestOptions, type ProgramOptions } from '../minter/kube/program.js';
import { inClusterConnection } from '../minter/kube/service-account.js';
import { KEY_BYTES_FOR } from '../settings/rules.js';
import { ensureKeySecret } from './ensure-secret.js';
import { newJwtKey } from './new-key.js';
import { parseKeygenInput } from './input.js';

/**
 * The key generator Job: reads keygen.json (argv[0]) and creates the key Secret named there when
 * it is absent (32 random bytes, hex-encoded: 64 characters); an existing one it keeps, and refuses
 * when its key is shorter than the method needs. Logs what it does, never the key. Returns the
 * exit status (PROGRAM_EXIT).
 *
 * Optional environment, for slow API servers and for running it outside a pod:
 *   KEYGEN_MAX_ATTEMPTS         attempts in all (default 6)
 *   KEYGEN_REQUEST_TIMEOUT_MS   per request (default 15000)
 *   KEYGEN_SERVICE_ACCOUNT_DIR  where token, ca.crt and namespace are (default: the kubelet's path)
 */
export function runKeygen(opts: ProgramOptions): Promise<number> {
  return runProgram(opts.log, async () => {
    const inputPath = opts.argv[0];
    if (!inputPath) throw new MintError('ERR_MINT_INPUT', 'usage: keygen.mjs <keygen.json>');
    const input = parseKeygenInput(JSON.parse(readFileSync(inputPath, 'utf8')));
    const { conn, namespace } = inClusterConnection(opts.env, 'key generator', opts.env.KEYGEN_SERVICE_ACCOUNT_DIR || undefined);
    let fingerprint = '';
    const target = { namespace, name: input.secretName, key: input.secretKey, minBytes: KEY_BYTES_FOR[input.method], labels: input.labels };
    const outcome = await ensureKeySecret(conn, target, () => {
      const key = newJwtKey();
      fingerprint = keyFingerprint(new TextEncoder().encode(key));
      return key;
    }, requestOptions(opts.env, 'KEYGEN', opts.log));
    opts.log(outcome === 'created'
      ? `created Secret ${namespace}/${input.secretName} with a new key, fingerprint ${fingerprint}`
      : `kept the existing Secret ${namespace}/${input.secretName}`);
  });
}
