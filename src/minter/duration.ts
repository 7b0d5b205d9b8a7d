import { lifetimeProblem, lifetimeSeconds } from '../settings/lifetime.js';
import { MintError } from './errors.js';

/** "30d" -> seconds. The same form and bound the settings allow for expiresIn. */
export function parseDuration(text: string, where: string): number {
  const problem = lifetimeProblem(text, where);
  if (problem) throw new MintError('ERR_MINT_CLAIMS', problem);
  return lifetimeSeconds(text);
}
