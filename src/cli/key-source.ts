import { readFileSync } from 'node:fs';
import { signingKey, type Method } from '../minter/index.js';
import { CliError, EXIT, usageError } from './errors.js';

/** The options that name the key, shared by every command that signs or verifies. */
export const KEY_OPTIONS = {
  'key-file': { type: 'string' },
  'key-env': { type: 'string' },
} as const;

/**
 * The signing key, from a file or an environment variable: never from the command line, where
 * shell history and the process list would keep it. One trailing newline is dropped from a file
 * (editors and `echo` add it); the key itself is used byte for byte.
 */
export function readKey(
  opts: { 'key-file'?: string | undefined; 'key-env'?: string | undefined }, env: NodeJS.ProcessEnv, method: Method,
): Uint8Array {
  const file = opts['key-file'];
  const variable = opts['key-env'];
  if ((file === undefined) === (variable === undefined)) {
    throw usageError('give the key with exactly one of --key-file FILE or --key-env VAR (never on the command line)');
  }
  if (variable !== undefined) return signingKey(env[variable], `the environment variable ${variable}`, method);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file!);
  } catch (cause) {
    throw new CliError(`cannot read key file ${file}: ${(cause as Error).message}`, { code: 'ERR_KEY_FILE', exitCode: EXIT.USAGE, cause });
  }
  let text: string;
  try {
    // Never a lossy decoding: two different binary keys would become the same text.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`the key file ${file} is not UTF-8 text, and Rasa reads the key as text from an environment variable: ` +
      'use a text key (e.g. openssl rand -hex 32)', { code: 'ERR_KEY_FILE', exitCode: EXIT.USAGE });
  }
  return signingKey(text.replace(/\r?\n$/, ''), `the key file ${file}`, method);
}
