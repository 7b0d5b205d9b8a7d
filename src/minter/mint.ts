import { keyFingerprint } from './fingerprint.js';
import type { MinterInput } from './input.js';
import { checkConfigMapSize, widgetsConfigMapData, type MintedWidget } from './output.js';
import { hmacKey, mintToken } from './token.js';

/** What mintWidgets gives: the minter's ConfigMap data, ready to write. */
export interface MintResult {
  /** The ConfigMap's data: each widget's token and snippets, and the method and key fingerprint. */
  readonly data: Record<string, string>;
  /** The data's size in bytes, checked to fit in one ConfigMap. */
  readonly bytes: number;
  /** The fingerprint of the key that signed the tokens (see keyFingerprint). */
  readonly keyFingerprint: string;
}

/** Mints every widget's token and builds the ConfigMap data; refuses before writing anything. */
export async function mintWidgets(input: MinterInput, key: Uint8Array, now: number): Promise<MintResult> {
  // Signed concurrently: WebCrypto hands each signature to a worker thread, so one at a time
  // would spend most of its time waiting. The claims are checked synchronously first, so the
  // first refused widget in order is the one reported.
  const cryptoKey = await hmacKey(key, input.method);
  const minted: MintedWidget[] = await Promise.all(input.widgets.map(async (w, i) => {
    const { token, expiresAt } = await mintToken({
      key: cryptoKey, method: input.method, claims: w.claims, expiresIn: w.expiresIn, now, where: `widgets[${i}]`,
    });
    return { name: w.name, url: w.url, initialPayload: w.initialPayload, token, expiresAt };
  }));
  const fingerprint = keyFingerprint(key);
  const data = widgetsConfigMapData(minted, { method: input.method, keyFingerprint: fingerprint });
  return { data, bytes: checkConfigMapSize(data, input.configMap), keyFingerprint: fingerprint };
}
