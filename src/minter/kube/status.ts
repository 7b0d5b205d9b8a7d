import type { KubeResponse } from './request.js';

/** The API server's own words for a failed request: its Status message, else the raw text. */
export function apiMessage(res: KubeResponse): string {
  try {
    const status = JSON.parse(res.body) as { message?: string };
    if (status.message) return status.message;
  } catch {
    // Not a Status object (a proxy's page, say): fall back to the raw text below.
  }
  return res.body.slice(0, 200) || 'no message';
}

/** How long the server asks us to wait (Retry-After, in seconds or as a date), in milliseconds. */
export function retryAfterMs(res: KubeResponse): number | undefined {
  const header = res.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
