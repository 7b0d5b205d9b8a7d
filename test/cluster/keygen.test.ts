import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { HELM } from '../chart/helm.js';
import { MinterJobRunner } from './job-runner.js';
import { core, createNamespace, describeCluster, kubeconfigPath, kubectl, run } from './support.js';

const describeHelmOnCluster = HELM ? describeCluster : describe.skip;

/** helm against the test bed, asynchronously: hooks make it wait for the Jobs. */
function helmRun(args: string[]) {
  return run(HELM!, [...args, '--kubeconfig', kubeconfigPath()], process.env);
}

async function secretKey(namespace: string): Promise<string> {
  const secret = await core().readNamespacedSecret({ name: 'bot-jwt', namespace });
  return Buffer.from(secret.data!['jwt-key']!, 'base64').toString('utf8');
}

const generate = ['--set', 'socketio.jwtKey.generate=true', '--set', 'socketio.jwtKey.secretName=bot-jwt'];

describeHelmOnCluster('a key generated in the cluster (socketio.jwtKey.generate)', () => {
  let namespace: string;
  let runner: MinterJobRunner;

  beforeAll(async () => {
    namespace = await createNamespace('keygen');
    runner = new MinterJobRunner(namespace);
    runner.start();
  });

  afterAll(async () => {
    await runner.stop();
  });

  test('install: a pre-install Job creates the Secret, and the minter signs with that key', async () => {
    const install = await helmRun(['install', 'bot', 'chart', '-n', namespace, ...generate, '--timeout', '120s']);
    expect(install.stderr).not.toMatch(/Error/);
    expect(install.status).toBe(0);
    expect(runner.results.map((r) => [r.job.replace(/-[0-9a-f]{10}$/, ''), r.status])).toEqual([['bot-rasa-keygen', 0], ['bot-rasa-minter', 0]]);
    expect(runner.results[0]!.stdout).toMatch(/^minter: created Secret keygen-[a-z0-9]+\/bot-jwt with a new key, fingerprint [0-9a-f]{16}\n$/);
    const key = await secretKey(namespace);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(runner.results[0]!.stdout).not.toContain(key);
    const token = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token']!;
    expect(await rasaDecision(token, signingKey(key, 'generated'), 'HS256', Date.now())).toMatchObject({ accepted: true });
  });

  test('upgrade: the key and therefore the tokens stay as they were', async () => {
    const key = await secretKey(namespace);
    const token = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token'];
    const upgrade = await helmRun(['upgrade', 'bot', 'chart', '-n', namespace, ...generate, '--set', 'rasa.image.tag=3.6.20', '--timeout', '120s']);
    expect(upgrade.status).toBe(0);
    expect(runner.results.slice(2).map((r) => r.stdout.match(/kept the existing Secret \S+/)?.[0] ?? r.status)).toEqual([
      `kept the existing Secret ${namespace}/bot-jwt`, 0,
    ]);
    expect(await secretKey(namespace)).toBe(key);
    expect((await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token']).toBe(token);
  });

  test('uninstall removes the release and keeps the generated key, which widgets in use rely on', async () => {
    expect((await helmRun(['uninstall', 'bot', '-n', namespace])).status).toBe(0);
    expect(kubectl(['get', 'configmaps,secrets,serviceaccounts,roles,rolebindings,jobs,deployments', '-n', namespace, '-o', 'name']).trim().split('\n').sort())
      .toEqual(['secret/bot-jwt', 'serviceaccount/default']);
  });

  test('an existing Secret with a short key is refused, never repaired', async () => {
    const other = await createNamespace('keygen-short');
    await core().createNamespacedSecret({ namespace: other, body: { metadata: { name: 'bot-jwt' }, stringData: { 'jwt-key': 'short' } } });
    const shortRunner = new MinterJobRunner(other);
    shortRunner.start();
    try {
      const install = await helmRun(['install', 'bot', 'chart', '-n', other, ...generate, '--timeout', '60s']);
      expect(install.status).not.toBe(0);
      expect(shortRunner.results[0]).toMatchObject({
        status: 2,
        stdout: `minter: error: Secret ${other}/bot-jwt holds a key of 5 bytes under "jwt-key": replace it with one of at least 32 bytes\n`,
      });
      expect(Buffer.from((await core().readNamespacedSecret({ name: 'bot-jwt', namespace: other })).data!['jwt-key']!, 'base64').toString()).toBe('short');
    } finally {
      await shortRunner.stop();
    }
  });
});
