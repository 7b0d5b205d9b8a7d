// `helm test` on the real cluster, as a user runs it after `helm install`: the chart's test pod
// (templates/tests/socketio-test-pod.yaml, on the minter's image, in a namespace that enforces Pod
// Security restricted) connects to Rasa 3.6's socketio channel through the Service with the token
// the minter wrote into the widgets ConfigMap, and is refused with the same claims signed by another
// key. Then the ConfigMap's token is replaced by one signed with another key: `helm test` must fail,
// and the pod's log says why.
import { randomBytes } from 'node:crypto';
import { mintToken, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubectl, kubectlResult } from '../cluster/support.js';
import { configMapData, deleteNamespace, describeE2E, helm, helmMessages, progress, withDiagnostics } from './cluster.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const STEP_TIMEOUT_MS = 600_000;
const TEST_POD = 'bot-rasa-socketio-test';
const WIDGETS = 'bot-rasa-widgets';
const CONNECTED = "ok: widget web-chat's token (ConfigMap bot-rasa-widgets, key web-chat.token) was connected";
const FORGED_REFUSED = 'ok: a token signed with another key was refused: Connection rejected by server';
const WRONG_REFUSED = "FAILED: widget web-chat's token (ConfigMap bot-rasa-widgets, key web-chat.token) was not connected: refused: Connection rejected by server";

describeE2E('helm test on the real cluster: connected with the minted token, failing with a wrong one', () => {
  let namespace: string;

  const podPhase = () => kubectl(['get', 'pod', TEST_POD, '-n', namespace, '-o', 'jsonpath={.status.phase}']);
  const podLog = () => {
    const log = kubectlResult(['logs', TEST_POD, '-n', namespace]);
    progress(`the test pod's log:\n${log.stdout}${log.stderr}`);
    return log.stdout;
  };

  beforeAll(async () => {
    namespace = await createNamespace('e2e-helm-test');
  });

  afterAll(() => {
    deleteNamespace(namespace);
  });

  test('helm install --wait, then helm test passes: the minted token connects, one signed with another key is refused', () => withDiagnostics(namespace, async () => {
    const values = { ...LOCAL_CLUSTER_VALUES, socketio: { jwtKey: { generate: true, secretName: 'bot-jwt' } } };
    const install = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(values), '--wait', '--timeout', '10m']);
    expect(helmMessages(install.stderr)).toBe('');
    expect(install.status).toBe(0);
    expect(configMapData(namespace, WIDGETS)?.['web-chat.token']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const run = await helm(['test', 'bot', '-n', namespace, '--logs', '--timeout', '5m']);
    progress(`helm test said:\n${run.stdout}${run.stderr}`);
    expect(helmMessages(run.stderr)).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`TEST SUITE:\\s+${TEST_POD}[\\s\\S]*Phase:\\s+Succeeded`));
    const log = podLog();
    expect(log).toContain(CONNECTED);
    expect(log).toContain(FORGED_REFUSED);
    expect(podPhase()).toBe('Succeeded');
  }), STEP_TIMEOUT_MS);

  test('with a token signed by another key in the ConfigMap, helm test fails and the pod log says why', () => withDiagnostics(namespace, async () => {
    const otherKey = signingKey(randomBytes(32).toString('hex'), 'another key');
    const wrong = (await mintToken({ key: otherKey, method: 'HS256', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', now: Date.now(), where: 'test' })).token;
    kubectl(['patch', 'configmap', WIDGETS, '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ data: { 'web-chat.token': wrong } })]);

    const run = await helm(['test', 'bot', '-n', namespace, '--timeout', '5m']);
    progress(`helm test said:\n${run.stdout}${run.stderr}`);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(TEST_POD);
    const log = podLog();
    expect(log).toContain(WRONG_REFUSED);
    expect(log).not.toContain(wrong.split('.')[2]);
    expect(podPhase()).toBe('Failed');
  }), STEP_TIMEOUT_MS);
});
