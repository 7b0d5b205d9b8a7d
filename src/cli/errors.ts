import { RasaSocketioJwtError } from '../settings/index.js';

/** Exit statuses of the CLI, documented in --help. */
export const EXIT = {
  OK: 0,
  /** A check said no (verify: Rasa would refuse the token). */
  REFUSED: 1,
  /** Bad usage or bad settings: fix the command line or the values. */
  USAGE: 2,
  /** Something outside failed (file system, network, cluster). */
  FAILURE: 3,
} as const;

/** A failure the CLI reports in one line and turns into an exit status. */
export class CliError extends RasaSocketioJwtError {
  override readonly code: string;
  readonly exitCode: number;

  constructor(message: string, opts: { code: string; exitCode: number; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.code = opts.code;
    this.exitCode = opts.exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, { code: 'ERR_USAGE', exitCode: EXIT.USAGE });
}
