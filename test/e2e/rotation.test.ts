// Key rotation on the real cluster, on the Helm path: `helm install --wait` with a widget whose
// token expires (so the chart keeps the re-mint CronJob, and with it the minter's RBAC, as plain
// objects), a chat with its token, then `rasa-socketio-jwt rotate`: the Secret gets a new key, the
// minter (a Job made from the CronJob) signs the tokens again and restarts the Rasa pods, which read
// the key only at start. The old token is refused and the new one chats. Then the manifests are
// applied again as a GitOps tool would (server-side and client-side `kubectl apply` of synth's
// output): the key's annotation on the pod template stays, and the pods do not restart.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { KEY_FINGERPRINT_ANNOTATION, keyFingerprint, rasaDecision, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubeconfigPath, kubectl, kubectlResult } from '../cluster/support.js';
import { chatOnce, connect } from '../support/socketio-chat.js';
import {
  configMapData, createKeySecret, deleteNamespace, describeE2E, helm, helmMessages, portForward, progress, secretValue, waitFor, withDiagnostics,
  type PortForward,
} from './cluster.js';
import { PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const OLD_KEY = randomBytes(32).toString('hex');
const SERVER = 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server';
const VALUES = { ...LOCAL_CLUSTER_VALUES, widgets: [{ name: 'website', expiresIn: '1d' }] };
const fingerprint = (key: string) => keyFingerprint(new TextEncoder().encode(key));

/** The Rasa Deployment's ReplicaSets: one per pod template it has had, so a new one is a restart. */
function replicaSets(namespace: string): string[] {
  return kubectl(['get', 'replicasets', '-n', namespace, '-l', SERVER, '-o', 'name']).split('\n').filter(Boolean).sort();
}

/** The Rasa pods that serve: those not terminating (a terminating pod has left the Service's endpoints). */
function servingPods(namespace: string): string[] {
  const list = JSON.parse(kubectl(['get', 'pods', '-n', namespace, '-l', SERVER, '-o', 'json'])).items as
    Array<{ metadata: { name: string; deletionTimestamp?: string } }>;
  return list.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
}

function templateAnnotations(namespace: string): Record<string, string> {
  return JSON.parse(kubectl(['get', 'deployment', 'bot-rasa', '-n', namespace, '-o', 'json'])).spec.template.metadata.annotations ?? {};
}

describeE2E('rasa-socketio-jwt rotate on the real cluster', () => {
  let namespace: string;
  let forward: PortForward | undefined;

  async function forwardToRasa(): Promise<string> {
    forward?.stop();
    forward = await portForward(namespace, 'service/bot-rasa', 5005);
    return forward.url;
  }

  beforeAll(async () => {
    namespace = await createNamespace('e2e-rotation');
    createKeySecret(namespace, OLD_KEY);
  });

  afterAll(() => {
    forward?.stop();
    deleteNamespace(namespace);
  });

  test('the old token chats, rotate changes the key, re-mints and restarts Rasa: the old token is refused, the new one chats; a re-sync keeps it so', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('key-rotation');
    const values = valuesFile(VALUES);
    const install = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', values, '--wait', '--timeout', '5m']);
    expect(helmMessages(install.stderr)).toBe('');
    expect(install.status).toBe(0);
    report.ready();
    // The minter Job was a hook, deleted once it succeeded; the CronJob and the RBAC its runs need are not.
    for (const object of ['cronjob/bot-rasa-remint', 'serviceaccount/bot-rasa-minter', 'role/bot-rasa-minter', 'rolebinding/bot-rasa-minter', 'configmap/bot-rasa-minter']) {
      expect([object, kubectlResult(['get', object, '-n', namespace, '-o', 'name']).status]).toEqual([object, 0]);
    }
    const oldToken = configMapData(namespace, 'bot-rasa-widgets')!['website.token']!;
    const reply = await chatOnce(await forwardToRasa(), oldToken, 'hello');
    report.replied(reply);
    expect(reply).toBe(BOT_GREETING);
    const podsBefore = servingPods(namespace);

    const rotated = await runCli(['rotate', '-n', namespace, '--release', 'bot', '-f', values, '--timeout', '4m'],
      { KUBECONFIG: kubeconfigPath() }, { progress: (line) => progress(`rotate: ${line}`) });
    expect(rotated.stderr).toBe('');
    expect(rotated.exitCode).toBe(0);
    const newKey = secretValue(namespace, 'rasa-socketio-jwt', 'jwt-key');
    expect(newKey).toMatch(/^[0-9a-f]{64}$/);
    expect(newKey).not.toBe(OLD_KEY);
    expect(rotated.stdout).toMatch(new RegExp(
      `^rotated the key in Secret ${namespace}/rasa-socketio-jwt: fingerprint ${fingerprint(newKey)}, was ${fingerprint(OLD_KEY)}\\n` +
      `re-minted 1 widget token\\(s\\) into ConfigMap ${namespace}/bot-rasa-widgets \\(Job bot-rasa-rotate-[0-9a-f]{5}\\)\\n` +
      `Deployment ${namespace}/bot-rasa rolled out: 1 pod\\(s\\) run with the new key\\n$`));

    const newToken = configMapData(namespace, 'bot-rasa-widgets')!['website.token']!;
    expect(newToken).not.toBe(oldToken);
    expect(await rasaDecision(newToken, signingKey(newKey, 'the Secret'), 'HS256', Date.now())).toMatchObject({ accepted: true });
    expect(templateAnnotations(namespace)[KEY_FINGERPRINT_ANNOTATION]).toBe(fingerprint(newKey));
    const podsAfter = servingPods(namespace);
    expect(podsAfter.filter((p) => podsBefore.includes(p))).toEqual([]);

    const url = await forwardToRasa();
    progress('connecting with the old token: expecting connect_error');
    await expect(connect(url, { auth: { token: oldToken } })).rejects.toThrow('Connection rejected by server');
    expect(await chatOnce(url, newToken, 'hello')).toBe(BOT_GREETING);

    // A GitOps re-sync of the same manifests: neither kind of apply takes the annotation away or restarts the pods.
    const sets = replicaSets(namespace);
    const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-rotation-'));
    expect(await runCli(['synth', '-o', out, '--release', 'bot', '--namespace', namespace, '-f', values], {})).toMatchObject({ exitCode: 0 });
    for (const args of [['apply', '--server-side', '--force-conflicts', '--field-manager', 'gitops'], ['apply']]) {
      progress(`kubectl ${args.join(' ')} of the synthesized manifests`);
      const applied = kubectlResult([...args, '-f', join(out, 'bot.k8s.yaml')]);
      expect(applied.status).toBe(0);
      expect(templateAnnotations(namespace)[KEY_FINGERPRINT_ANNOTATION]).toBe(fingerprint(newKey));
    }
    // The re-applied minter Job signs with the same key: it mints, and restarts nothing.
    await waitFor('the re-applied minter Job to finish', () => {
      const jobs = JSON.parse(kubectl(['get', 'jobs', '-n', namespace, '-l', 'app.kubernetes.io/component=minter', '-o', 'json'])).items as
        Array<{ metadata: { name: string }; status: { succeeded?: number } }>;
      return jobs.find((j) => /^bot-rasa-minter-/.test(j.metadata.name) && (j.status.succeeded ?? 0) > 0);
    }, 120_000);
    expect(replicaSets(namespace)).toEqual(sets);
    expect(servingPods(namespace)).toEqual(podsAfter);
    expect(await chatOnce(url, newToken, 'hi')).toBe(BOT_GREETING);
    report.passed();
  }), 600_000);
});
