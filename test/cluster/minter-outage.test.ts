import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installMinter, minterServiceAccount, runMinterAs } from './minter-run.js';
import { core, createNamespace, describeLocalTestbed } from './support.js';
import { startTestbed, stopTestbed } from './testbed.js';

// An API server of this file's own, so that freezing and stopping it disturbs no other test.
describeLocalTestbed('the minter when the API server stops mid-run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-outage-'));
  let kubeconfig: string;
  let namespace: string;
  let input: Record<string, any>;
  let before: Record<string, string>;
  const fast = { MINTER_MAX_ATTEMPTS: '3', MINTER_REQUEST_TIMEOUT_MS: '1500' };
  const changed = () => ({ ...input, widgets: [{ ...input.widgets[0], name: 'changed' }] });

  beforeAll(async () => {
    kubeconfig = startTestbed(dir).KUBECONFIG!;
    namespace = await createNamespace('outage', { kubeconfig });
    ({ input } = await installMinter(namespace, kubeconfig));
    expect((await runMinterAs(await minterServiceAccount(namespace, { kubeconfig }), input)).status).toBe(0);
    before = (await core(kubeconfig).readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data!;
  }, 120_000);

  afterAll(() => {
    stopTestbed(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the minter while the API server is frozen: accepting connections, answering nothing. */
  async function mintWhileFrozen(minterInput: Record<string, unknown>) {
    const pid = Number(readFileSync(join(dir, 'apiserver.pid'), 'utf8'));
    // The service account token is requested before the freeze; the minter then finds the server
    // accepting connections but answering nothing, as a hung or overloaded server does.
    const sa = await minterServiceAccount(namespace, { kubeconfig });
    process.kill(pid, 'SIGSTOP');
    try {
      return await runMinterAs(sa, minterInput, fast);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }

  test('a frozen API server: retries with backoff, exits non-zero, the ConfigMap stays whole', async () => {
    // Without a Deployment to restart on a new key, the ConfigMap's write is the one request.
    const result = await mintWhileFrozen({ ...changed(), restartDeployment: '' });
    expect(result).toMatchObject({ status: 3, stderr: '' });
    expect(result.stdout.match(/attempt \d to write ConfigMap \S+ failed \(cannot reach https:\/\/\S+: ETIMEDOUT\); retrying in \d+ ms/g)).toHaveLength(2);
    expect(result.stdout).toContain(`could not write ConfigMap ${namespace}/rasa-widgets: gave up after 3 attempts`);
    expect(result.stdout).toContain('The previous ConfigMap, if any, is unchanged');
    expect((await core(kubeconfig).readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data).toEqual(before);
  }, 60_000);

  test('a frozen API server at the key check: the tokens are not written, and the message says so', async () => {
    // The first request reads the Rasa Deployment's key fingerprint (a new key restarts the pods
    // before the tokens are written), so that is the one that gives up.
    const result = await mintWhileFrozen(changed());
    expect(result).toMatchObject({ status: 3, stderr: '' });
    expect(result.stdout.match(/attempt \d on Deployment \S+ failed \(cannot reach https:\/\/\S+: ETIMEDOUT\); retrying in \d+ ms/g)).toHaveLength(2);
    expect(result.stdout).toContain(`could not reach Deployment ${namespace}/rasa: gave up after 3 attempts`);
    expect(result.stdout).toContain(`ConfigMap ${namespace}/rasa-widgets was not written: the previous one, if any, is unchanged`);
    expect((await core(kubeconfig).readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data).toEqual(before);
  }, 60_000);

  test('a stopped API server: connection refused, retried, exits non-zero; after restart nothing changed', async () => {
    const sa = await minterServiceAccount(namespace, { kubeconfig });
    stopTestbed(dir);
    const result = await runMinterAs(sa, changed(), fast);
    kubeconfig = startTestbed(dir).KUBECONFIG!;
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/cannot reach https:\/\/\S+: ECONNREFUSED/);
    expect(result.stdout).toContain('gave up after 3 attempts');
    expect((await core(kubeconfig).readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data).toEqual(before);
  }, 120_000);
});
