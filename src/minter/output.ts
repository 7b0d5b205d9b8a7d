import { MintError } from './errors.js';
import type { Method } from './key.js';
import { legacySnippet, webComponentSnippet } from './snippets.js';

/** Kubernetes refuses a ConfigMap whose keys and values add up to more than 1 MiB. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

export interface MintedWidget {
  readonly name: string;
  readonly url: string;
  readonly token: string;
  readonly initialPayload: string;
  /** Seconds since the epoch, or null for a token without exp. */
  readonly expiresAt: number | null;
}

/**
 * The ConfigMap's data: per widget its token, both snippets and, for a token that expires, its
 * expiry (`<widget>.expires-at`, RFC 3339 in UTC), plus index.json (names, URLs, expiry times and
 * the key's fingerprint). Nothing time-dependent beyond `exp`, so minting the same widgets again
 * writes the same bytes.
 */
export function widgetsConfigMapData(widgets: readonly MintedWidget[], meta: { method: Method; keyFingerprint: string }): Record<string, string> {
  const data: Record<string, string> = {};
  for (const w of widgets) {
    data[`${w.name}.token`] = w.token;
    data[`${w.name}.legacy.html`] = legacySnippet(w);
    data[`${w.name}.web-component.html`] = webComponentSnippet(w);
    if (w.expiresAt !== null) data[`${w.name}.expires-at`] = expiryTime(w.expiresAt);
  }
  const index: WidgetsIndex = {
    method: meta.method,
    keyFingerprint: meta.keyFingerprint,
    widgets: widgets.map((w) => ({
      name: w.name,
      url: w.url,
      expiresAt: w.expiresAt === null ? null : new Date(w.expiresAt * 1000).toISOString(),
    })),
  };
  // Compact: every byte of it counts against the ConfigMap's 1 MiB, which bounds the widgets.
  data['index.json'] = `${JSON.stringify(index)}\n`;
  return data;
}

/** index.json: the widgets' names, URLs and expiry times (ISO 8601, null for none), and the key's fingerprint. */
export interface WidgetsIndex {
  readonly method: string;
  readonly keyFingerprint: string;
  readonly widgets: ReadonlyArray<{ readonly name: string; readonly url: string; readonly expiresAt: string | null }>;
}

/** index.json as a ConfigMap holds it; undefined when it is absent or not what the minter writes. */
export function parseWidgetsIndex(text: string | undefined): WidgetsIndex | undefined {
  if (text === undefined) return undefined;
  try {
    const index = JSON.parse(text) as Partial<WidgetsIndex> | null;
    return typeof index?.keyFingerprint === 'string' && Array.isArray(index.widgets) ? index as WidgetsIndex : undefined;
  } catch {
    return undefined;
  }
}

/** `exp` as RFC 3339 in UTC, to the second: 2026-11-29T00:00:00Z. */
export function expiryTime(exp: number): string {
  return new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Refuses, before any write, data that the API server would refuse for its size. */
export function checkConfigMapSize(data: Readonly<Record<string, string>>, name: string): number {
  // Counted, not encoded: a TextEncoder copy of every value took as long as building them (1 MiB).
  let total = 0;
  for (const [key, value] of Object.entries(data)) total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  if (total > CONFIGMAP_LIMIT_BYTES) {
    throw new MintError('ERR_MINT_TOO_LARGE',
      `ConfigMap ${name} would hold ${total} bytes, over the ${CONFIGMAP_LIMIT_BYTES}-byte limit of a ConfigMap: ` +
      `spread the widgets over several releases (each with its own minter.configMapName), or drop some`);
  }
  return total;
}
