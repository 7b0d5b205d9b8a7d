import { SettingsError } from '../settings/errors.js';
import type { Command, CommandIo, CommandResult } from './command.js';
import { CliError, EXIT } from './errors.js';

/**
 * The commands, each loaded only when it runs: synth should not pay for jose or the Kubernetes
 * client, nor mint for cdk8s (GitOps pipelines run synth on every commit).
 */
export const commands: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Command> }> = [
  { name: 'synth', summary: 'render the Kubernetes manifests of a values file into a folder', load: async () => (await import('./commands/synth.js')).synth },
  { name: 'mint', summary: 'sign a widget token, or every widget of a values file into a ConfigMap', load: async () => (await import('./commands/mint.js')).mint },
  { name: 'verify', summary: "say whether Rasa's socketio channel would accept a token", load: async () => (await import('./commands/verify.js')).verify },
  { name: 'snippet', summary: 'print the HTML that puts a widget with its token on a page', load: async () => (await import('./commands/snippet.js')).snippet },
  { name: 'status', summary: "print how long each widget token in a release's ConfigMap has left", load: async () => (await import('./commands/status.js')).status },
  { name: 'rotate', summary: "replace a release's JWT key, re-mint its tokens and restart its Rasa pods", load: async () => (await import('./commands/rotate.js')).rotate },
];

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

/**
 * Runs one command line; turns every failure into a message and an exit status. Lines a command
 * says while it runs go to `io` (main writes them to stderr at once); without one they open the
 * result's stderr.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io?: CommandIo): Promise<Required<CommandResult>> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: helpText(), stderr: '', exitCode: name === undefined ? EXIT.USAGE : EXIT.OK };
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    return { stdout: '', stderr: `unknown command '${name}'\n\n${helpText()}`, exitCode: EXIT.USAGE };
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    return { stdout: `${command.usage}\n`, stderr: '', exitCode: EXIT.OK };
  }
  const said: string[] = [];
  const progress = io ?? { progress: (line: string) => said.push(`${line}\n`) };
  try {
    const result = await command.run(rest, env, progress);
    return { stdout: result.stdout ?? '', stderr: said.join('') + (result.stderr ?? ''), exitCode: result.exitCode ?? EXIT.OK };
  } catch (error) {
    return { stdout: '', stderr: `${said.join('')}${name}: ${describe(error)}\n`, exitCode: exitCodeOf(error) };
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
  // Refusals of the minter's rules (key, method, claims, input, size) are bad input too, and so
  // are the options node:util parseArgs refuses.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('ERR_MINT_') || code.startsWith('ERR_PARSE_ARGS'))) return EXIT.USAGE;
  return EXIT.FAILURE;
}
