import { MintError } from '../minter/index.js';
import { SettingsError } from '../settings/index.js';
import type { Command, CommandResult } from './command.js';
import { mint } from './commands/mint.js';
import { snippet } from './commands/snippet.js';
import { synth } from './commands/synth.js';
import { verify } from './commands/verify.js';
import { CliError, EXIT } from './errors.js';

export const commands: readonly Command[] = [synth, mint, verify, snippet];

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `rasa-socketio-jwt: run a Rasa bot whose socketio web chat needs a JWT signed with a key from a Secret

usage: rasa-socketio-jwt <command> [options]     (rasa-socketio-jwt <command> --help for its options)

commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

exit status:
  ${EXIT.OK}  done
  ${EXIT.REFUSED}  a check said no
  ${EXIT.USAGE}  bad command line or bad settings (the message names the setting and the fix)
  ${EXIT.FAILURE}  something outside failed (files, network, cluster)
`;
}

/** Runs one command line; turns every failure into a message and an exit status. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Required<CommandResult>> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: helpText(), stderr: '', exitCode: name === undefined ? EXIT.USAGE : EXIT.OK };
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    return { stdout: '', stderr: `unknown command '${name}'\n\n${helpText()}`, exitCode: EXIT.USAGE };
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    return { stdout: `${command.usage}\n`, stderr: '', exitCode: EXIT.OK };
  }
  try {
    const result = await command.run(rest, env);
    return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.exitCode ?? EXIT.OK };
  } catch (error) {
    return { stdout: '', stderr: `${name}: ${describe(error)}\n`, exitCode: exitCodeOf(error) };
  }
}

function describe(error: unknown): string {
  // Duck-typed: errors thrown by node built-ins may come from another realm (vm contexts).
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof SettingsError) return EXIT.USAGE;
  // Refusals of the minter's rules (key, method, claims, input, size) are bad input too.
  if (error instanceof MintError && error.code.startsWith('ERR_MINT_')) return EXIT.USAGE;
  // node:util parseArgs reports unknown or malformed options with these codes.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return EXIT.USAGE;
  return EXIT.FAILURE;
}
