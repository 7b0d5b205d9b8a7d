import { MintError } from '../errors.js';
import type { KubeConnection } from './connection.js';
import { kubeRequest, type KubeResponse } from './request.js';
import { DEFAULT_RETRY_POLICY, RetriesExhausted, withRetries, type Attempt, type RetryPolicy } from './retry.js';
import { apiMessage, retryAfterMs } from './status.js';

/** One request of the API whose answer, if any, is a JSON object. */
export interface JsonRequest {
  readonly method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** @default application/json */
  readonly contentType?: string;
  /** The object, for messages: "Deployment chat/bot-rasa". */
  readonly what: string;
  /** What the caller's Role must grant, for the message of a 403: "get and patch on deployments ...". */
  readonly permission: string;
}

export interface JsonRequestOptions {
  readonly policy?: RetryPolicy;
  /** Hears one line per retry. */
  readonly log?: (line: string) => void;
  readonly timeoutMs?: number;
}

/**
 * Sends one request and parses its answer; undefined when the object does not exist (404). Retries
 * what may pass on a second try (network errors, 409, 429, 5xx), as the ConfigMap writer does;
 * stops at once on 401, 403 and any other refusal, with the API server's words.
 */
export async function kubeJson<T>(conn: KubeConnection, req: JsonRequest, opts: JsonRequestOptions = {}): Promise<T | undefined> {
  const attempt = async (): Promise<Attempt<T | undefined>> => {
    let res: KubeResponse;
    try {
      res = await kubeRequest(conn, {
        method: req.method,
        path: req.path,
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body), contentType: req.contentType ?? 'application/json' }),
        timeoutMs: opts.timeoutMs ?? 15_000,
      });
    } catch (error) {
      return { retry: `cannot reach ${conn.server}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
    if (res.status >= 200 && res.status < 300) return { done: (res.body ? JSON.parse(res.body) : {}) as T };
    if (res.status === 404) return { done: undefined };
    const message = apiMessage(res);
    if (res.status === 401) {
      return { fail: new MintError('ERR_WRITE_UNAUTHORIZED', `401 Unauthorized on ${req.what}: the API server refused the credentials of ${conn.identity} (${message})`) };
    }
    if (res.status === 403) {
      return {
        fail: new MintError('ERR_WRITE_FORBIDDEN',
          `403 Forbidden on ${req.what}: ${conn.identity} lacks the permission (${message}); it needs ${req.permission}`),
      };
    }
    if (res.status === 409 || res.status === 429 || res.status >= 500) return { retry: `${res.status} ${message}`, retryAfterMs: retryAfterMs(res) };
    return { fail: new MintError('ERR_WRITE_REJECTED', `${res.status} on ${req.what}: ${message}`) };
  };
  try {
    return await withRetries(attempt, opts.policy ?? DEFAULT_RETRY_POLICY,
      (reason, delay, n) => opts.log?.(`attempt ${n} on ${req.what} failed (${reason}); retrying in ${Math.round(delay)} ms`));
  } catch (error) {
    if (error instanceof RetriesExhausted) throw new MintError('ERR_WRITE_FAILED', `could not reach ${req.what}: ${error.message}`);
    throw error;
  }
}
