// `rasa-socketio-jwt status` and the refusals of `rotate` on a real API server, with no pod to run:
// status reads what the minter wrote; rotate checks all it needs before it touches the key, so a
// release it cannot rotate keeps its key. (test/e2e/rotation.test.ts rotates a running bot.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { createNamespace, describeCluster, kubeconfigPath, kubectl, kubectlResult } from './support.js';

const KEY = randomBytes(32).toString('hex');
function valuesFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-rotate-')), 'values.yaml');
  writeFileSync(file, text);
  return file;
}

const secretKey = (namespace: string) => Buffer.from(kubectl(['get', 'secret', 'rasa-socketio-jwt', '-n', namespace, '-o', 'jsonpath={.data.jwt-key}']), 'base64').toString();

describeCluster('status and rotate against a real API server', () => {
  let namespace: string;
  const env = () => ({ KUBECONFIG: kubeconfigPath(), BOT_KEY: KEY });

  beforeAll(async () => {
    namespace = await createNamespace('rotate-status');
    kubectl(['create', 'secret', 'generic', 'rasa-socketio-jwt', '-n', namespace, `--from-literal=jwt-key=${KEY}`]);
  });

  afterAll(() => {
    kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
  });

  test('status: no ConfigMap yet says which one and why', async () => {
    const result = await runCli(['status', '-n', namespace], env());
    expect(result).toMatchObject({ exitCode: 3, stdout: '' });
    expect(result.stderr).toBe(`status: ConfigMap ${namespace}/rasa-widgets does not exist: is the release rasa installed in ${namespace} ` +
      '(--release, -n), with the values that name it (-f)?\n');
  });

  test('status: how long each token has left, as text and as JSON; an expired one makes it exit 1', async () => {
    const file = valuesFile('widgets:\n  - name: kiosk\n    expiresIn: 2h\n  - name: website\n');
    const minted = await runCli(['mint', '--key-env', 'BOT_KEY', '--to-configmap', 'rasa-widgets', '-n', namespace, '-f', file], env());
    expect(minted.exitCode).toBe(0);
    const text = await runCli(['status', '-n', namespace, '-f', file], env());
    expect(text).toMatchObject({ exitCode: 0, stderr: '' });
    expect(text.stdout).toMatch(new RegExp(`^ConfigMap ${namespace}/rasa-widgets: 2 widget token\\(s\\), signed with HS256, key fingerprint [0-9a-f]{16}\\n` +
      '  kiosk    expires \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in (1h 59m|2h 0m)\\)\\n  website  never expires\\n$'));
    const json = JSON.parse((await runCli(['status', '-n', namespace, '-o', 'json'], env())).stdout);
    expect(json).toMatchObject({ namespace, configMap: 'rasa-widgets', method: 'HS256', keyFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(json.tokens.map((t: { name: string; secondsLeft: number | null }) => [t.name, t.secondsLeft === null ? null : t.secondsLeft > 7000])).toEqual([
      ['kiosk', true], ['website', null],
    ]);

    const index = { method: 'HS256', keyFingerprint: '0123456789abcdef', widgets: [{ name: 'old', url: 'u', expiresAt: '2020-01-01T00:00:00.000Z' }] };
    kubectl(['create', 'configmap', 'stale', '-n', namespace, `--from-literal=index.json=${JSON.stringify(index)}`]);
    const expired = await runCli(['status', '-n', namespace, '--configmap', 'stale'], env());
    expect(expired.exitCode).toBe(1);
    expect(expired.stdout).toMatch(/^ {2}old {2}EXPIRED 2020-01-01T00:00:00Z \(\d+d \d+h ago\)$/m);
  });

  test('rotate: without a CronJob or a minter Job to run, it refuses and leaves the key as it was', async () => {
    const result = await runCli(['rotate', '-n', namespace], env());
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`rotate: rotate runs the minter from the re-mint CronJob ${namespace}/rasa-remint or from a minter Job of release rasa, ` +
      'and neither is there');
    expect(result.stderr).toContain('The key was not changed');
    expect(secretKey(namespace)).toBe(KEY);
  });

  test('rotate: refuses a key it would not sign with, and a Secret the values render from a literal', async () => {
    const short = await runCli(['rotate', '-n', namespace, '--key-env', 'SHORT'], { ...env(), SHORT: 'short' });
    expect(short).toMatchObject({ exitCode: 2, stderr: 'rotate: the key in the environment variable SHORT is 5 bytes: HS256 needs at least 32 (e.g. openssl rand -hex 32, 64 bytes)\n' });
    const literal = await runCli(['rotate', '-n', namespace, '-f', valuesFile(`socketio:\n  jwtKey:\n    literal: ${'k'.repeat(32)}\n`)], env());
    expect(literal).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('rotate: socketio.jwtKey.literal renders the Secret from the values') });
    expect((await runCli(['rotate', '--release', 'bot'], env())).stderr).toBe("rotate: -n NAMESPACE is required: the release's namespace\n");
    expect((await runCli(['rotate', '-n', namespace, '--timeout', '5 minutes'], env())).stderr)
      .toBe("rotate: '--timeout' (5 minutes) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)\n");
    expect(secretKey(namespace)).toBe(KEY);
  });
});
