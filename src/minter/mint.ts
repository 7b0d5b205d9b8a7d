import { keyFingerprint } from './fingerprint.js';
import type { MinterInput } from './input.js';
import { checkConfigMapSize, widgetsConfigMapData, type MintedWidget } from './output.js';
import { mintToken } from './token.js';

export interface MintResult {
  readonly data: Record<string, string>;
  readonly bytes: number;
  readonly keyFingerprint: string;
}

/** Mints every widget's token and builds the ConfigMap data; refuses before writing anything. */
export async function mintWidgets(input: MinterInput, key: Uint8Array, now: number): Promise<MintResult> {
  const minted: MintedWidget[] = [];
  for (const [i, w] of input.widgets.entries()) {
    const { token, expiresAt } = await mintToken({
      key, method: input.method, claims: w.claims, expiresIn: w.expiresIn, now, where: `widgets[${i}]`,
    });
    minted.push({ name: w.name, url: w.url, initialPayload: w.initialPayload, token, expiresAt });
  }
  const fingerprint = keyFingerprint(key);
  const data = widgetsConfigMapData(minted, { method: input.method, keyFingerprint: fingerprint });
  return { data, bytes: checkConfigMapSize(data, input.configMap), keyFingerprint: fingerprint };
}
