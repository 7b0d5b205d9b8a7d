import { webcrypto } from 'node:crypto';
import { SignJWT } from 'jose';
import { claimProblems } from '../settings/claims.js';
import { parseDuration } from './duration.js';
import { MintError } from './errors.js';
import type { Method } from './key.js';

/**
 * An HMAC key imported once by hmacKey, to sign many tokens. Opaque on purpose: the public types
 * name no platform type (WebCrypto's CryptoKey is missing from older @types/node).
 */
export interface HmacKey {
  /** The jwt_method it signs with. */
  readonly method: Method;
}

const webKeys = new WeakMap<HmacKey, webcrypto.CryptoKey>();

/** The key as bytes (see signingKey), or imported once with hmacKey for many signatures. */
export type SigningKey = Uint8Array | HmacKey;

/** What mintToken signs: the key and method, the claims and the lifetime. */
export interface TokenRequest {
  /** The key the channel verifies with: its bytes, or imported once with hmacKey. */
  readonly key: SigningKey;
  /** The channel's jwt_method. */
  readonly method: Method;
  /** Payload; Rasa refuses an empty one. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** Lifetime such as "30d"; empty for a token that does not expire. */
  readonly expiresIn: string;
  /** The clock, in milliseconds since the epoch. */
  readonly now: number;
  /** Names the input in messages, e.g. "widgets[0]". */
  readonly where: string;
}

/**
 * Signs a token that Rasa's check accepts, or refuses with the rule it would break. `iat` and
 * `nbf` are left out: a value ahead of Rasa's clock (skew) makes PyJWT refuse the token.
 */
export async function mintToken(req: TokenRequest): Promise<{
  /** The signed token (a compact JWS). */
  token: string;
  /** Its `exp`, in seconds since the epoch; null for a token that does not expire. */
  expiresAt: number | null;
}> {
  checkClaims(req.claims, `${req.where}.claims`);
  const payload: Record<string, unknown> = { ...req.claims };
  let expiresAt: number | null = null;
  if (req.expiresIn) {
    expiresAt = Math.floor(req.now / 1000) + parseDuration(req.expiresIn, `${req.where}.expiresIn`);
    payload.exp = expiresAt;
  }
  return { token: await signToken(payload, req.key, req.method), expiresAt };
}

/** Refuses claims Rasa would refuse (claimProblems, the rules the settings check too), all at once. */
export function checkClaims(claims: unknown, where: string): void {
  const problems = claimProblems(claims, where);
  if (problems.length > 0) throw new MintError('ERR_MINT_CLAIMS', problems.join('; '));
}

/** The bare signature, with the header jwt.io writes: {"alg":...,"typ":"JWT"}. No rules here. */
export function signToken(payload: Record<string, unknown>, key: SigningKey, method: Method): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: method, typ: 'JWT' }).sign(joseKey(key));
}

function joseKey(key: SigningKey): Uint8Array | webcrypto.CryptoKey {
  if (key instanceof Uint8Array) return key;
  const webKey = webKeys.get(key);
  if (!webKey) throw new TypeError('a SigningKey is the key\'s bytes or what hmacKey returned');
  return webKey;
}

const HASH_OF: Record<Method, string> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };

/** Imports the key once: jose would import raw bytes again for every signature. */
export async function hmacKey(key: Uint8Array, method: Method): Promise<HmacKey> {
  const webKey = await webcrypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: HASH_OF[method] }, false, ['sign']);
  const handle: HmacKey = Object.freeze({ method });
  webKeys.set(handle, webKey);
  return handle;
}
