import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KEY_BYTES_FOR } from '../settings/rules.js';
import { MintError } from './errors.js';
import { parseMinterInput } from './input.js';
import { checkMethod, signingKey, type Method } from './key.js';
import { keyFingerprint } from './fingerprint.js';
import { applyConfigMap } from './kube/apply-configmap.js';
import { ensureKeySecret } from './kube/ensure-secret.js';
import { DEFAULT_RETRY_POLICY } from './kube/retry.js';
import { inClusterConnection } from './kube/service-account.js';
import { mintWidgets } from './mint.js';

/** Exit statuses of the minter Job's container. */
export const MINTER_EXIT = { OK: 0, INVALID: 2, WRITE_FAILED: 3 } as const;

export interface InClusterOptions {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

/**
 * The minter Job: reads minter.json (argv[0]), the key from the env var it names, mints every
 * widget and writes the ConfigMap in the pod's namespace. Logs what it does, never the key or a
 * token. Returns the exit status.
 *
 * With `--ensure-key keygen.json` it is the key generator instead: it creates the key Secret
 * named there when it is absent (32 random bytes, hex-encoded: 64 characters) and keeps it when it exists.
 *
 * Optional environment, for slow API servers and for running it outside a pod:
 *   MINTER_MAX_ATTEMPTS         write attempts in all (default 6)
 *   MINTER_REQUEST_TIMEOUT_MS   per request (default 15000)
 *   MINTER_SERVICE_ACCOUNT_DIR  where token, ca.crt and namespace are (default: the kubelet's path)
 */
export async function runInCluster(opts: InClusterOptions): Promise<number> {
  const { log } = opts;
  try {
    if (opts.argv[0] === '--ensure-key') return await ensureKey(opts);
    const inputPath = opts.argv[0];
    if (!inputPath) throw new MintError('ERR_MINT_INPUT', 'usage: minter.mjs <minter.json>');
    const input = parseMinterInput(JSON.parse(readFileSync(inputPath, 'utf8')));
    const key = signingKey(opts.env[input.keyEnv], `the environment variable ${input.keyEnv}`, input.method);
    const { conn, namespace } = inClusterConnection(opts.env, opts.env.MINTER_SERVICE_ACCOUNT_DIR || undefined);
    const result = await mintWidgets(input, key, (opts.now ?? Date.now)());
    log(`minted ${input.widgets.length} widget token(s) with ${input.method}, key fingerprint ${result.keyFingerprint}`);
    const { resourceVersion } = await applyConfigMap(conn, {
      namespace, name: input.configMap, labels: input.labels, data: result.data,
    }, requestOptions(opts));
    log(`wrote ConfigMap ${namespace}/${input.configMap}: ${Object.keys(result.data).length} keys, ${result.bytes} bytes, resourceVersion ${resourceVersion}`);
    return MINTER_EXIT.OK;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    log(`error: ${(error as Error).message}`);
    return code.startsWith('ERR_MINT_') || error instanceof SyntaxError ? MINTER_EXIT.INVALID : MINTER_EXIT.WRITE_FAILED;
  }
}

async function ensureKey(opts: InClusterOptions): Promise<number> {
  const inputPath = opts.argv[1];
  if (!inputPath) throw new MintError('ERR_MINT_INPUT', 'usage: minter.mjs --ensure-key <keygen.json>');
  const input = parseKeygenInput(JSON.parse(readFileSync(inputPath, 'utf8')));
  const { conn, namespace } = inClusterConnection(opts.env, opts.env.MINTER_SERVICE_ACCOUNT_DIR || undefined);
  let fingerprint = '';
  const target = { namespace, name: input.secretName, key: input.secretKey, minBytes: KEY_BYTES_FOR[input.method], labels: input.labels };
  const outcome = await ensureKeySecret(conn, target, () => {
    const key = randomBytes(32).toString('hex');
    fingerprint = keyFingerprint(new TextEncoder().encode(key));
    return key;
  }, requestOptions(opts));
  opts.log(outcome === 'created'
    ? `created Secret ${namespace}/${input.secretName} with a new key, fingerprint ${fingerprint}`
    : `kept the existing Secret ${namespace}/${input.secretName}`);
  return MINTER_EXIT.OK;
}

function parseKeygenInput(value: unknown): { secretName: string; secretKey: string; method: Method; labels: Record<string, string> } {
  const v = value as Record<string, unknown> | null;
  if (typeof v?.secretName !== 'string' || !v.secretName || typeof v.secretKey !== 'string' || !v.secretKey) {
    throw new MintError('ERR_MINT_INPUT', "keygen input: 'secretName' and 'secretKey' must be non-empty strings");
  }
  return {
    secretName: v.secretName, secretKey: v.secretKey, method: checkMethod(String(v.method), 'method'),
    labels: (v.labels ?? {}) as Record<string, string>,
  };
}

/** Retries and timeouts of the API requests: defaults, or MINTER_MAX_ATTEMPTS / _REQUEST_TIMEOUT_MS. */
function requestOptions(opts: InClusterOptions) {
  return {
    log: opts.log,
    policy: { ...DEFAULT_RETRY_POLICY, attempts: positive(opts.env, 'MINTER_MAX_ATTEMPTS', DEFAULT_RETRY_POLICY.attempts) },
    timeoutMs: positive(opts.env, 'MINTER_REQUEST_TIMEOUT_MS', 15_000),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new MintError('ERR_MINT_INPUT', `${name} (${text}) must be a whole number of at least 1`);
  }
  return value;
}
