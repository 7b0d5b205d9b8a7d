import { request as httpsRequest } from 'node:https';
import type { KubeConnection } from './connection.js';

export interface KubeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One HTTPS request to the API server. Rejects only on network failures (with their code). */
export function kubeRequest(
  conn: KubeConnection,
  req: { method: string; path: string; body?: string; contentType?: string; accept?: string; timeoutMs: number },
): Promise<KubeResponse> {
  const url = new URL(req.path, conn.server);
  const headers: Record<string, string> = { Accept: req.accept ?? 'application/json', ...conn.headers };
  const token = conn.token?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve, reject) => {
    const call = httpsRequest(url, {
      method: req.method, headers, ca: conn.ca, cert: conn.cert, key: conn.key, timeout: req.timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    call.on('timeout', () => call.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    call.on('error', reject);
    call.end(req.body);
  });
}
