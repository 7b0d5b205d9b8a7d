// mint --to-configmap's --output json and --quiet on a real API server (test/cli/progress.test.ts
// holds the rest: progress while the cluster does not answer, usage errors, the documented shapes).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { createNamespace, describeCluster, kubeconfigPath, kubectlResult } from './support.js';

const KEY = '0123456789abcdef0123456789abcdef';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-cli-output-'));
}

/** Runs a command line as main() does, keeping each progress line. */
async function withProgress(argv: string[], env: NodeJS.ProcessEnv) {
  const progress: string[] = [];
  const result = await runCli(argv, env, { progress: (line) => progress.push(line) });
  return { ...result, progress };
}

describeCluster('mint --to-configmap against a real API server', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('cli-output');
  });

  afterAll(() => {
    kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
  });

  test('-o json: one document on stdout, its shape as documented; text: progress, then the summary; --quiet: silence', async () => {
    const values = join(tempDir(), 'values.yaml');
    writeFileSync(values, 'widgets:\n  - name: kiosk\n    expiresIn: 2h\n  - name: website\n');
    const argv = ['mint', '--key-env', 'RSJ_KEY', '--to-configmap', 'bot-rasa-widgets', '-n', namespace, '--release', 'bot', '-f', values];
    const env = { RSJ_KEY: KEY, KUBECONFIG: kubeconfigPath() };

    const json = await withProgress([...argv, '-o', 'json'], env);
    expect(json).toMatchObject({ exitCode: 0, stderr: '' });
    const document = JSON.parse(json.stdout);
    expect(document).toEqual({
      namespace, configMap: 'bot-rasa-widgets', fullname: 'bot-rasa', method: 'HS256',
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), resourceVersion: expect.stringMatching(/^\d+$/),
      widgets: [
        { name: 'kiosk', url: 'http://localhost:5005', expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
        { name: 'website', url: 'http://localhost:5005', expiresAt: null },
      ],
    });
    expect(json.progress).toEqual([expect.stringMatching(new RegExp(`^writing ConfigMap ${namespace}/bot-rasa-widgets on https://.+: 2 widget\\(s\\), in one server-side apply$`))]);
    const status = JSON.parse((await runCli(['status', '-n', namespace, '--release', 'bot', '-f', values, '-o', 'json'], env)).stdout);
    expect(status.keyFingerprint).toBe(document.keyFingerprint);

    const text = await withProgress(argv, env);
    expect(text).toMatchObject({ exitCode: 0, stdout: '' });
    expect(text.progress).toHaveLength(1);
    expect(text.stderr).toMatch(new RegExp(`^wrote ConfigMap ${namespace}/bot-rasa-widgets for bot-rasa: 2 widget\\(s\\), key fingerprint ${document.keyFingerprint}, resourceVersion \\d+\\n$`));

    const quiet = await withProgress([...argv, '--quiet'], env);
    expect(quiet).toMatchObject({ exitCode: 0, stdout: '', stderr: '', progress: [] });
    const quietJson = await withProgress([...argv, '--quiet', '-o', 'json'], env);
    expect(quietJson).toMatchObject({ exitCode: 0, stderr: '', progress: [] });
    expect(JSON.parse(quietJson.stdout).keyFingerprint).toBe(document.keyFingerprint);
  });
});
