// Faults a user meets on a real cluster, and what they must never turn into: a missing or empty
// key must not leave an open channel, and a minter that cannot read the key must fail where the
// user looks (events, Job status) and leave the tokens already handed out as they were.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { createNamespace, kubectl, kubectlResult } from '../cluster/support.js';
import type { K8sObject } from '../support/render.js';
import { connect } from '../support/socketio-chat.js';
import { configMapData, createKeySecret, deleteNamespace, describeE2E, portForward, progress, waitFor, withDiagnostics, type PortForward } from './cluster.js';
import { containerStates, pods } from './pods.js';
import { PathReport } from './report.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const SERVER = 'app.kubernetes.io/component=server';

/** The objects `synth` renders for these values. */
async function synthObjects(namespace: string, values: object): Promise<K8sObject[]> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-faults-'));
  const result = await runCli(['synth', '-o', out, '--release', 'bot', '--namespace', namespace, '-f', valuesFile(values)], {});
  if (result.exitCode !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return parseAllDocuments(readFileSync(join(out, 'bot.k8s.yaml'), 'utf8')).map((d) => d.toJS() as K8sObject);
}

function apply(objects: readonly K8sObject[]): void {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-e2e-faults-')), 'objects.yaml');
  writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  progress(`kubectl apply --server-side (${objects.map((o) => o.kind).join(', ')})`);
  const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'faults', '-f', file]);
  expect(applied.stderr).toBe('');
  expect(applied.status).toBe(0);
}

/** The minter's objects (its ServiceAccount, Role, RoleBinding, script ConfigMap and Job) and the ConfigMap it writes. */
const isMinterPart = (o: K8sObject) => (o.metadata.name as string).startsWith('bot-rasa-minter') || o.metadata.name === 'bot-rasa-widgets';

function events(namespace: string): string {
  return kubectl(['get', 'events', '-n', namespace, '-o', 'jsonpath={range .items[*]}{.involvedObject.kind}/{.involvedObject.name}: {.reason}: {.message}{"\\n"}{end}']);
}

/**
 * Nothing answers on the pod's port: either kubectl cannot forward to it at all (no container
 * runs) or the forward reaches no listener, so a socket.io client cannot connect, token or not.
 */
async function expectNobodyConnects(namespace: string, pod: string): Promise<void> {
  let forward: PortForward;
  try {
    forward = await portForward(namespace, `pod/${pod}`, 5005);
  } catch (error) {
    expect((error as Error).message).toMatch(/unable to forward port because pod is not running/);
    return;
  }
  try {
    await expect(connect(forward.url, {})).rejects.toThrow();
  } finally {
    forward.stop();
  }
}

describeE2E('faults on the real cluster: the key Secret missing or empty', () => {
  const namespaces: string[] = [];
  let report: PathReport;
  let passed = 0;

  beforeAll(() => {
    report = new PathReport('faults');
  });

  afterAll(() => {
    namespaces.forEach(deleteNamespace);
    if (passed === 3) report.passed();
  });

  async function namespace(prefix: string): Promise<string> {
    const name = await createNamespace(prefix);
    namespaces.push(name);
    return name;
  }

  test('the Secret missing: the Rasa pod never starts (CreateContainerConfigError naming the Secret) and nothing listens', async () => {
    const ns = await namespace('e2e-nosecret');
    await withDiagnostics(ns, async () => {
      apply((await synthObjects(ns, LOCAL_CLUSTER_VALUES)).filter((o) => !isMinterPart(o)));
      const state = await waitFor('the Rasa container to be held at CreateContainerConfigError', () =>
        containerStates(ns, SERVER).find((c) => c.reason === 'CreateContainerConfigError'), 120_000);
      expect(state.message).toBe('secret "rasa-socketio-jwt" not found');
      // A while later it is still not running: the kubelet retries, and fails the same way, until the Secret exists.
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      expect(containerStates(ns, SERVER)).toEqual([expect.objectContaining({ ready: false, reason: 'CreateContainerConfigError' })]);
      await expectNobodyConnects(ns, state.pod);
    });
    passed += 1;
  }, 300_000);

  test('the Secret\'s key empty: the key guard stops the container at every start, with a log line; it never turns Ready and nobody connects', async () => {
    const ns = await namespace('e2e-emptykey');
    await withDiagnostics(ns, async () => {
      // Rasa 3.6 would start with auth OFF on an empty jwt_key; the guard in the command is what stops it.
      createKeySecret(ns, '');
      apply((await synthObjects(ns, LOCAL_CLUSTER_VALUES)).filter((o) => !isMinterPart(o)));
      // A second start proves the guard runs at every start, not once.
      const restarted = await waitFor('the Rasa container to have been stopped by the guard twice', () => {
        const pod = pods(ns, SERVER)[0];
        const container = pod?.status.containerStatuses?.[0];
        return container && container.restartCount >= 1 && !container.ready ? pod : undefined;
      }, 180_000);
      const guardLine = 'rasa-socketio-jwt: not starting Rasa: RASA_SOCKETIO_JWT_KEY (Secret rasa-socketio-jwt, key jwt-key) holds 0 bytes; '
        + 'HS256 needs at least 32, and with an empty jwt_key Rasa would let anyone chat without a token. Put a longer key into the Secret (openssl rand -hex 32).\n';
      // The kubelet keeps the log of the last stopped container: the current one while it waits to
      // be restarted, the previous one once the next has started.
      const log = await waitFor('the guard\'s log line', () => [[], ['--previous']]
        .map((flags) => kubectlResult(['logs', restarted.metadata.name, '-n', ns, ...flags]).stdout)
        .find((text) => text === guardLine), 60_000);
      expect(log).toBe(guardLine);
      expect(containerStates(ns, SERVER)).toEqual([expect.objectContaining({ ready: false })]);
      await expectNobodyConnects(ns, restarted.metadata.name);
    });
    passed += 1;
  }, 300_000);

  test('the minter with its Secret gone: the Job fails within its deadline, the events name the Secret, the ConfigMap stays whole', async () => {
    const ns = await namespace('e2e-mintfault');
    await withDiagnostics(ns, async () => {
      createKeySecret(ns, randomBytes(32).toString('hex'));
      const values = { ...LOCAL_CLUSTER_VALUES, minter: { ...LOCAL_CLUSTER_VALUES.minter, activeDeadlineSeconds: 30 } };
      apply((await synthObjects(ns, values)).filter(isMinterPart));
      const before = await waitFor('the first tokens in ConfigMap bot-rasa-widgets', () => {
        const data = configMapData(ns, 'bot-rasa-widgets');
        return data?.['web-chat.token'] ? data : undefined;
      }, 180_000);

      kubectl(['delete', 'secret', 'rasa-socketio-jwt', '-n', ns]);
      const changed = await synthObjects(ns, { ...values, widgets: [{ name: 'web-chat' }, { name: 'later' }] });
      const newJob = changed.find((o) => o.kind === 'Job')!.metadata.name as string;
      apply(changed.filter(isMinterPart));
      const failed = await waitFor(`Job ${newJob} to fail (activeDeadlineSeconds 30)`, () => {
        const job = JSON.parse(kubectl(['get', 'job', newJob, '-n', ns, '-o', 'json'])) as { status: { conditions?: Array<{ type: string; status: string; reason: string }> } };
        return job.status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      }, 120_000);
      expect(failed.reason).toBe('DeadlineExceeded');
      expect(events(ns)).toMatch(new RegExp(`Pod/${newJob}-[a-z0-9]+: Failed: Error: secret "rasa-socketio-jwt" not found`));
      expect(configMapData(ns, 'bot-rasa-widgets')).toEqual(before);
    });
    passed += 1;
  }, 400_000);
});
