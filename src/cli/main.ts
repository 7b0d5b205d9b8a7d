import { runCli } from './run.js';

/** The only place that writes to the streams and sets the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  const result = await runCli(argv, process.env, { progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
