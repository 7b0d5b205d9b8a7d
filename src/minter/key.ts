import { KEY_BYTES_FOR } from '../settings/rules.js';
import { MintError } from './errors.js';

/** The HMAC algorithms Rasa's channel can be set to and the minter can sign with. */
export const METHODS = ['HS256', 'HS384', 'HS512'] as const;
/** One of METHODS: the channel's jwt_method, which the minter signs with. */
export type Method = (typeof METHODS)[number];

export function checkMethod(method: string, where: string): Method {
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new MintError('ERR_MINT_METHOD',
      `'${where}' (${method}) is not supported: use ${METHODS.join(', ')}, the same as the channel's jwt_method`);
  }
  return method as Method;
}

/**
 * The signing key as bytes. An empty key is never a valid key: Rasa reads `jwt_key: ""` as "no
 * auth", so a minter that signed with it would hand out tokens for an open door. Nor is one
 * shorter than the method's hash (32, 48, 64 bytes), which PyJWT warns about and we refuse.
 */
export function signingKey(key: string | undefined, source: string, method: Method = 'HS256'): Uint8Array {
  const needed = KEY_BYTES_FOR[method];
  if (key === undefined) {
    throw new MintError('ERR_MINT_KEY', `no key: ${source} is not set; it must hold the socketio jwt_key`);
  }
  // Rasa takes the key from an environment variable, as text: what is not UTF-8 reaches Python as
  // surrogates, which PyJWT cannot encode, and an environment variable cannot hold a NUL. U+FFFD is
  // what a lossy decoding (Node's of a non-UTF-8 environment) leaves: such a key is not the one given.
  if (key.includes('\0')) {
    throw new MintError('ERR_MINT_KEY', `the key in ${source} holds a NUL byte, which no environment variable can carry: use a text key (e.g. openssl rand -hex 32)`);
  }
  if (key.includes('\uFFFD')) {
    throw new MintError('ERR_MINT_KEY', `the key in ${source} is not valid UTF-8 text, and Rasa reads the key as text: use a text key (e.g. openssl rand -hex 32)`);
  }
  const bytes = new TextEncoder().encode(key);
  if (bytes.length === 0) {
    throw new MintError('ERR_MINT_KEY', `the key in ${source} is empty: Rasa would run with auth off; set a key of at least ${needed} bytes`);
  }
  if (bytes.length < needed) {
    throw new MintError('ERR_MINT_KEY',
      `the key in ${source} is ${bytes.length} bytes: ${method} needs at least ${needed} (e.g. openssl rand -hex 32, 64 bytes)`);
  }
  return bytes;
}
