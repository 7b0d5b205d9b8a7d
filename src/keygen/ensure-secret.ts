import { MintError } from '../minter/errors.js';
import { FIELD_MANAGER } from '../minter/kube/apply-configmap.js';
import type { KubeConnection } from '../minter/kube/connection.js';
import { kubeRequest, type KubeResponse } from '../minter/kube/request.js';
import { apiMessage, retryAfterMs } from '../minter/kube/status.js';
import { DEFAULT_RETRY_POLICY, RetriesExhausted, withRetries, type Attempt, type RetryPolicy } from '../minter/kube/retry.js';

export interface KeySecretTarget {
  readonly namespace: string;
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
  /** Bytes an existing key must have at least (the channel method's hash size). */
  readonly minBytes: number;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Creates the key Secret when it is absent, and never touches one that exists: the key must stay
 * the same across upgrades and GitOps syncs, or every widget token in use would stop working.
 * Created by server-side apply without force, so RBAC can confine it to this one name and a race
 * with another creator ends in a conflict (retried, then found existing) rather than an overwrite.
 */
export async function ensureKeySecret(
  conn: KubeConnection, target: KeySecretTarget, newKey: () => string,
  opts: { policy?: RetryPolicy; log?: (line: string) => void; timeoutMs?: number } = {},
): Promise<'created' | 'kept'> {
  const where = `Secret ${target.namespace}/${target.name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/secrets/${encodeURIComponent(target.name)}`;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  const attempt = async (): Promise<Attempt<'created' | 'kept'>> => {
    let res: KubeResponse;
    try {
      res = await kubeRequest(conn, { method: 'GET', path, timeoutMs });
      if (res.status === 200) return checkExisting(res, target, where);
      if (res.status !== 404) return classify(res, conn, target, where);
      res = await kubeRequest(conn, {
        method: 'PATCH',
        path: `${path}?fieldManager=${FIELD_MANAGER}`,
        contentType: 'application/apply-patch+yaml',
        body: JSON.stringify({
          apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
          metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
          stringData: { [target.key]: newKey() },
        }),
        timeoutMs,
      });
    } catch (error) {
      return { retry: `cannot reach ${conn.server}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
    if (res.status === 200 || res.status === 201) return { done: 'created' };
    return classify(res, conn, target, where);
  };
  try {
    return await withRetries(attempt, opts.policy ?? DEFAULT_RETRY_POLICY,
      (reason, delay, n) => opts.log?.(`attempt ${n} on ${where} failed (${reason}); retrying in ${Math.round(delay)} ms`));
  } catch (error) {
    if (error instanceof RetriesExhausted) throw new MintError('ERR_WRITE_FAILED', `could not ensure ${where}: ${error.message}`);
    throw error;
  }
}

function checkExisting(res: KubeResponse, target: KeySecretTarget, where: string): Attempt<'kept'> {
  const secret = JSON.parse(res.body) as { data?: Record<string, string> };
  const value = secret.data?.[target.key];
  const bytes = value === undefined ? 0 : Buffer.from(value, 'base64').length;
  if (bytes >= target.minBytes) return { done: 'kept' };
  // Never repair it: overwriting a key someone put there would break their tokens silently.
  return {
    fail: new MintError('ERR_MINT_KEY', value === undefined
      ? `${where} exists without the key "${target.key}": add it (at least ${target.minBytes} bytes), or name another Secret`
      : `${where} holds a key of ${bytes} bytes under "${target.key}": replace it with one of at least ${target.minBytes} bytes`),
  };
}

function classify(res: KubeResponse, conn: KubeConnection, target: KeySecretTarget, where: string): Attempt<never> {
  const message = apiMessage(res);
  if (res.status === 401) return { fail: new MintError('ERR_WRITE_UNAUTHORIZED', `401 Unauthorized on ${where}: the API server refused the credentials of ${conn.identity} (${message})`) };
  if (res.status === 403) {
    return {
      fail: new MintError('ERR_WRITE_FORBIDDEN', `403 Forbidden on ${where}: ${conn.identity} lacks the permission (${message}); its Role must grant ` +
        `get, patch and create on secrets with resourceNames ["${target.name}"] in namespace ${target.namespace}`),
    };
  }
  if (res.status === 409 || res.status === 429 || res.status >= 500) return { retry: `${res.status} ${message}`, retryAfterMs: retryAfterMs(res) };
  return { fail: new MintError('ERR_WRITE_REJECTED', `${res.status} on ${where}: ${message}`) };
}
