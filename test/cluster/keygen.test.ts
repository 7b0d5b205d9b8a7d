import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { HELM } from '../chart/helm.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from '../e2e/values.js';
import { core, createNamespace, describeCluster, kubeconfigPath, kubectl, run, waitAsNotesSay } from './support.js';

const describeHelmOnCluster = HELM ? describeCluster : describe.skip;

/** helm against the test cluster, asynchronously: the key generator's hook makes it wait for its Job, which runs as a pod. */
function helmRun(args: string[]) {
  return run(HELM!, [...args, '--kubeconfig', kubeconfigPath()], process.env);
}

async function secretKey(namespace: string): Promise<string> {
  const secret = await core().readNamespacedSecret({ name: 'bot-jwt', namespace });
  return Buffer.from(secret.data!['jwt-key']!, 'base64').toString('utf8');
}

const generate = ['-f', valuesFile(LOCAL_CLUSTER_VALUES), '--set', 'socketio.jwtKey.generate=true', '--set', 'socketio.jwtKey.secretName=bot-jwt'];

/** The logs of the Job named `prefix-<hash>` in the namespace (kept only while the Job exists). */
function jobLogs(namespace: string, prefix: string): string {
  const job = kubectl(['get', 'jobs', '-n', namespace, '-o', 'name']).split('\n').find((n) => n.startsWith(`job.batch/${prefix}-`));
  if (!job) throw new Error(`no Job ${prefix}-* in ${namespace}`);
  return kubectl(['logs', job, '-n', namespace]);
}

describeHelmOnCluster('a key generated in the cluster (socketio.jwtKey.generate)', () => {
  let namespace: string;
  const others: string[] = [];

  beforeAll(async () => {
    namespace = await createNamespace('keygen');
  });

  afterAll(() => {
    for (const ns of [namespace, ...others]) kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  test('install: a pre-install Job creates the Secret, and the minter signs with that key', async () => {
    // helm runs the keygen hook before the release, a Job the controller runs as a pod, and fails
    // unless it succeeds; the minter Job, a release object, signs while Rasa starts.
    const install = await helmRun(['install', 'bot', 'chart', '-n', namespace, ...generate, '--timeout', '180s']);
    expect(install.stderr).not.toMatch(/Error/);
    expect(install.status).toBe(0);
    await waitAsNotesSay(install.stdout);
    const key = await secretKey(namespace);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const token = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token']!;
    expect(await rasaDecision(token, signingKey(key, 'generated'), 'HS256', Date.now())).toMatchObject({ accepted: true });
  });

  test('upgrade: the key and therefore the tokens stay as they were', async () => {
    const key = await secretKey(namespace);
    const token = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token'];
    const upgrade = await helmRun(['upgrade', 'bot', 'chart', '-n', namespace, ...generate, '--set', 'rasa.image.tag=3.6.21-b', '--timeout', '180s']);
    expect(upgrade.status).toBe(0);
    await waitAsNotesSay(upgrade.stdout);
    expect(await secretKey(namespace)).toBe(key);
    expect((await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['web-chat.token']).toBe(token);
  });

  test('uninstall removes the release and keeps the generated key, which widgets in use rely on', async () => {
    expect((await helmRun(['uninstall', 'bot', '-n', namespace])).status).toBe(0);
    expect(kubectl(['get', 'configmaps,secrets,serviceaccounts,roles,rolebindings,jobs,deployments', '-n', namespace, '-o', 'name']).trim().split('\n').sort())
      .toEqual(['configmap/kube-root-ca.crt', 'secret/bot-jwt', 'serviceaccount/default']);
  });

  test('an existing Secret with a short key is refused, never repaired', async () => {
    const other = await createNamespace('keygen-short');
    others.push(other);
    await core().createNamespacedSecret({ namespace: other, body: { metadata: { name: 'bot-jwt' }, stringData: { 'jwt-key': 'short' } } });
    // One try is enough to see the refusal: the Job would retry the same answer backoffLimit times.
    const install = await helmRun(['install', 'bot', 'chart', '-n', other, ...generate, '--set', 'minter.backoffLimit=0', '--timeout', '120s']);
    expect(install.status).not.toBe(0);
    expect(install.stderr).toMatch(/bot-rasa-keygen-[0-9a-f]{10}.*failed|BackoffLimitExceeded/);
    // A failed hook stays (hook-succeeded deletes only on success), with the pod's log.
    expect(jobLogs(other, 'bot-rasa-keygen'))
      .toBe(`keygen: error: Secret ${other}/bot-jwt holds a key of 5 bytes under "jwt-key": replace it with one of at least 32 bytes\n`);
    expect(Buffer.from((await core().readNamespacedSecret({ name: 'bot-jwt', namespace: other })).data!['jwt-key']!, 'base64').toString()).toBe('short');
  });
});
