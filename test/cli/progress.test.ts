// Commands that wait on a cluster say what they wait for on stderr, as it happens; --quiet drops
// those lines; --output json prints one document on stdout for scripts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { unreachableKubeconfig } from '../support/unreachable-kubeconfig.js';

const KEY = '0123456789abcdef0123456789abcdef';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-progress-'));
}


/** Runs a command line as main() does, keeping each progress line with the time it came. */
async function withProgress(argv: string[], env: NodeJS.ProcessEnv) {
  const lines: Array<{ line: string; at: number }> = [];
  const result = await runCli(argv, env, { progress: (line) => lines.push({ line, at: Date.now() }) });
  return { ...result, progress: lines.map((l) => l.line), times: lines.map((l) => l.at), ended: Date.now() };
}

const TO_CONFIGMAP = ['mint', '--key-env', 'RSJ_KEY', '--to-configmap', 'rasa-widgets', '-n', 'bots'];

describe('mint --to-configmap while the cluster does not answer', () => {
  test('says what it writes and each retry as it happens; --quiet says only the error; -o json prints nothing on failure', async () => {
    const env = { RSJ_KEY: KEY, HOME: tempDir(), KUBECONFIG: unreachableKubeconfig() };
    // Side by side: each spends its time waiting between retries.
    const [loud, quiet, json] = await Promise.all([
      withProgress(TO_CONFIGMAP, env),
      withProgress([...TO_CONFIGMAP, '--quiet'], env),
      withProgress([...TO_CONFIGMAP, '-o', 'json'], env),
    ]);
    expect(loud.progress[0]).toBe('writing ConfigMap bots/rasa-widgets on https://127.0.0.1:1: 1 widget(s), in one server-side apply');
    expect(loud.progress.slice(1)).toEqual([1, 2, 3, 4, 5].map((n) => expect.stringMatching(new RegExp(
      `^attempt ${n} to write ConfigMap bots/rasa-widgets failed \\(cannot reach https://127\\.0\\.0\\.1:1: ECONNREFUSED\\); retrying in \\d+ ms$`))));
    // Said while it waited, not all at the end.
    expect(loud.ended - loud.times[1]!).toBeGreaterThan(1000);
    expect(loud.exitCode).toBe(3);
    expect(loud.stderr).toMatch(/^mint: could not write ConfigMap bots\/rasa-widgets: gave up after 6 attempts/);
    expect(quiet.progress).toEqual([]);
    expect(quiet).toMatchObject({ exitCode: 3, stdout: '', stderr: loud.stderr });
    expect(json).toMatchObject({ exitCode: 3, stdout: '', stderr: loud.stderr });
    for (const said of [...loud.progress, loud.stderr]) expect(said).not.toContain(KEY);
  }, 60_000);

  test.each<[string, string[], string]>([
    ['an output format it does not know', [...TO_CONFIGMAP, '-o', 'yaml'], 'mint: --output (yaml) must be text or json\n'],
    ['--quiet for one token', ['mint', '--key-env', 'RSJ_KEY', '--quiet'], 'mint: --quiet goes with --to-configmap; one token is printed alone on stdout\n'],
    ['--output for one token', ['mint', '--key-env', 'RSJ_KEY', '-o', 'json'], 'mint: --output goes with --to-configmap; one token is printed alone on stdout\n'],
    ['rotate with an output format it does not know', ['rotate', '-n', 'bots', '-o', 'yaml'], 'rotate: --output (yaml) must be text or json\n'],
  ])('%s is a usage error', async (_, argv, stderr) => {
    expect(await runCli(argv, { RSJ_KEY: KEY, HOME: tempDir() })).toEqual({ exitCode: 2, stdout: '', stderr });
  });

  test('each command that waits documents --quiet and --output with the JSON shape', async () => {
    for (const command of ['mint', 'rotate']) {
      const usage = (await runCli([command, '--help'], {})).stdout;
      expect(usage).toContain('--quiet');
      expect(usage).toMatch(/-o, --output F {6}(with --to-configmap: )?text \(the default[^)]*\) or json: one(\n {22})?\s*document on stdout, \{namespace/);
    }
    expect((await runCli(['status', '--help'], {})).stdout).toContain('json: one document on stdout, {namespace, configMap,');
  });
});
