import { compactVerify } from 'jose';
import { isPlainObject } from '../settings/merge.js';
import type { Method } from './key.js';

/** Whether Rasa's socketio channel would accept a token: its payload if so, else why not. */
export type RasaDecision =
  | {
    /** Rasa accepts the token. */
    readonly accepted: true;
    /** The token's payload, as Rasa reads it. */
    readonly payload: Record<string, unknown>;
  }
  | {
    /** Rasa refuses the token. */
    readonly accepted: false;
    /** Why, in words: what Rasa's channel would refuse it for. */
    readonly reason: string;
  };

/**
 * Decides as Rasa's socketio channel does (rasa/core/channels/channel.py, decode_bearer_token):
 * remove "Bearer " (Python's str.replace: every occurrence, not only a prefix), then PyJWT's
 * `jwt.decode(token, key, algorithms=method)` with no audience, issuer, leeway or options, then
 * refuse an empty payload. Each claim rule below is PyJWT's (2.10 and later, the strictest).
 */
export async function rasaDecision(token: string, key: Uint8Array, method: Method, now: number): Promise<RasaDecision> {
  const bare = token.replaceAll('Bearer ', '');
  // PyJWT refuses any whitespace (a token read from a file with its newline, a wrapped one);
  // jose would not notice, as Node's base64url decoder skips it in the signature.
  if (/\s/.test(bare)) return refuse('the token contains whitespace (a trailing newline?), which PyJWT refuses');
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(bare, key, { algorithms: [method] }));
  } catch (error) {
    return refuse(signatureReason(error, method));
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
  } catch {
    return refuse('the payload is not JSON');
  }
  if (!isPlainObject(payload)) return refuse('the payload is not a JSON object');

  const nowSeconds = now / 1000;
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    if (claim in payload && pythonInt(payload[claim]) === undefined) {
      return refuse(`the ${claim} claim is not an integer`);
    }
  }
  const exp = pythonInt(payload.exp);
  if (exp !== undefined && exp <= nowSeconds) return refuse(`the token expired at ${isoTime(exp)}`);
  const iat = pythonInt(payload.iat);
  if (iat !== undefined && iat > nowSeconds) return refuse(`the iat claim (${isoTime(iat)}) is in the future`);
  const nbf = pythonInt(payload.nbf);
  if (nbf !== undefined && nbf > nowSeconds) return refuse(`the token is not valid before ${isoTime(nbf)} (nbf)`);
  if ('aud' in payload) return refuse('the token has an aud claim, and Rasa verifies without an audience');
  if ('sub' in payload && typeof payload.sub !== 'string') return refuse('the sub claim is not a string');
  if ('jti' in payload && typeof payload.jti !== 'string') return refuse('the jti claim is not a string');
  if (Object.keys(payload).length === 0) return refuse('the payload is empty, which Rasa reads as no token');
  return { accepted: true, payload };
}

function refuse(reason: string): RasaDecision {
  return { accepted: false, reason };
}

function signatureReason(error: unknown, method: Method): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the signature does not match the key';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `the token is not signed with ${method}, the channel's jwt_method`;
    default:
      return `the token is malformed (${(error as Error).message})`;
  }
}

/** Python's int() on a JSON value: what PyJWT applies to exp, iat and nbf. */
function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'string' && /^\s*[-+]?\d+(_\d+)*\s*$/.test(value)) return Number(value.replaceAll('_', ''));
  return undefined;
}

function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
