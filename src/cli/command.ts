/** What a command prints; main() writes it and exits 0. Failures are thrown as CliError. */
export interface CommandResult {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
}

/** What a command may say while it runs, before its result: a command that waits says what for. */
export interface CommandIo {
  /** One line for stderr, now. */
  progress(line: string): void;
}

/** One CLI command. Reads its arguments and environment only when run, never at import. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], env: NodeJS.ProcessEnv, io: CommandIo): CommandResult | Promise<CommandResult>;
}

/** Warnings as a command prints them on stderr: one line each, after `warning: `. */
export function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `warning: ${w}\n`).join('');
}
