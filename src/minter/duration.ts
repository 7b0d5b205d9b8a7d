import { MintError } from './errors.js';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;

/** "30d" -> seconds. The same form the settings schema allows for expiresIn. */
export function parseDuration(text: string, where: string): number {
  const match = /^([1-9][0-9]*)([smhdw])$/.exec(text);
  if (!match) {
    throw new MintError('ERR_MINT_CLAIMS', `'${where}' (${text}) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)`);
  }
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
