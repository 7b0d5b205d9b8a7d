import { RasaSocketioJwtError } from '../settings/errors.js';

/** Why a token was not minted or not written. Callers switch on `code`. */
export type MintErrorCode =
  | 'ERR_MINT_KEY'          // the key is missing, empty or too short
  | 'ERR_MINT_METHOD'       // an algorithm Rasa's channel is not set to, or not HMAC
  | 'ERR_MINT_CLAIMS'       // a payload Rasa would refuse
  | 'ERR_MINT_INPUT'        // the minter's input file is malformed
  | 'ERR_MINT_TOO_LARGE'    // the output would not fit in one ConfigMap
  | 'ERR_WRITE_UNAUTHORIZED' // the API server refused the credentials
  | 'ERR_WRITE_FORBIDDEN'  // RBAC does not allow the write
  | 'ERR_WRITE_REJECTED'   // the API server refused the object itself
  | 'ERR_WRITE_FAILED';    // retries ran out (network, 409, 429, 5xx)

/** An error of the minter: a token it will not mint, or a ConfigMap it could not write. */
export class MintError extends RasaSocketioJwtError {
  /** What went wrong, stable across releases: switch on this, not on the message. */
  override readonly code: MintErrorCode;

  constructor(code: MintErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
