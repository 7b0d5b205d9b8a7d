import { MintError } from '../errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

/** Exit statuses of the in-cluster programs' containers (the minter, the key generator). */
export const PROGRAM_EXIT = { OK: 0, INVALID: 2, WRITE_FAILED: 3 } as const;

/** What an in-cluster program's entry hands it. */
export interface ProgramOptions {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
}

/**
 * Runs a program's body and returns its exit status: a failure is logged as one line (messages
 * never carry a key or a token) and is INVALID when the input was at fault, else WRITE_FAILED.
 */
export async function runProgram(log: (line: string) => void, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return PROGRAM_EXIT.OK;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    log(`error: ${(error as Error).message}`);
    return code.startsWith('ERR_MINT_') || error instanceof SyntaxError ? PROGRAM_EXIT.INVALID : PROGRAM_EXIT.WRITE_FAILED;
  }
}

/** Retries, timeouts and log of the API requests. */
export interface RequestOptions {
  readonly log: (line: string) => void;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
}

/**
 * A program's request options from its environment, for slow API servers and for running it
 * outside a pod: PREFIX_MAX_ATTEMPTS (attempts in all, default 6) and PREFIX_REQUEST_TIMEOUT_MS
 * (per request, default 15000), PREFIX being the program's (MINTER, KEYGEN).
 */
export function requestOptions(env: NodeJS.ProcessEnv, prefix: string, log: (line: string) => void): RequestOptions {
  return {
    log,
    policy: { ...DEFAULT_RETRY_POLICY, attempts: positive(env, `${prefix}_MAX_ATTEMPTS`, DEFAULT_RETRY_POLICY.attempts) },
    timeoutMs: positive(env, `${prefix}_REQUEST_TIMEOUT_MS`, 15_000),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new MintError('ERR_MINT_INPUT', `${name} (${text}) must be a whole number of at least 1`);
  }
  return value;
}
