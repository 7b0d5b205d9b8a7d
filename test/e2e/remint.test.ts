// The re-mint CronJob on the real cluster, on the GitOps path (the CLI's synthesized manifests
// applied with `kubectl apply --server-side`: no Helm, no hooks): the minter Job mints, then the
// real CronJob controller runs the minter every minute with the minter's own ServiceAccount, Role
// and files, and each run signs the expiring token again with a later exp; `status` reads how long
// it has left; a run that cannot mint fails as a Job whose log says why, and leaves the tokens as
// they were (that run is started from the CronJob's template at once, as `kubectl create job
// --from` does, not a minute later). The test does not wait for Rasa: the tokens are what is under test.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { runCli } from '../../src/cli/run.js';
import { expiryTime, rasaDecision, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubeconfigPath, kubectl, kubectlResult } from '../cluster/support.js';
import { configMapData, createKeySecret, deleteNamespace, describeE2E, progress, waitFor, withDiagnostics } from './cluster.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const KEY = randomBytes(32).toString('hex');
const WIDGETS = 'bot-rasa-widgets';
const VALUES = {
  ...LOCAL_CLUSTER_VALUES,
  widgets: [{ name: 'kiosk', expiresIn: '10m' }, { name: 'website' }],
  // Every minute, so that the test sees the controller run it; a failed run fails at once.
  minter: { ...LOCAL_CLUSTER_VALUES.minter, schedule: '* * * * *', backoffLimit: 0 },
};

interface JobView {
  metadata: { name: string; ownerReferences?: Array<{ kind: string; name: string }> };
  status: { succeeded?: number; conditions?: Array<{ type: string; status: string }> };
}

/** The Jobs the CronJob started, with how each ended. */
function cronJobRuns(namespace: string): Array<{ name: string; outcome: 'succeeded' | 'failed' | 'running' }> {
  const jobs = JSON.parse(kubectl(['get', 'jobs', '-n', namespace, '-o', 'json'])) as { items: JobView[] };
  return jobs.items
    .filter((j) => j.metadata.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === 'bot-rasa-remint'))
    .map((j) => ({
      name: j.metadata.name,
      outcome: (j.status.succeeded ?? 0) > 0 ? 'succeeded'
        : j.status.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ? 'failed' : 'running',
    }));
}

const expOf = (token: string) => decodeJwt(token).exp!;

describeE2E('the re-mint CronJob on the real cluster, applied without Helm', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('e2e-remint');
    createKeySecret(namespace, KEY);
  });

  afterAll(() => deleteNamespace(namespace));

  test('re-mints the expiring token every minute with a later exp; a run that cannot mint fails with the reason in its log', () => withDiagnostics(namespace, async () => {
    const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-remint-'));
    const values = valuesFile(VALUES);
    const synth = await runCli(['synth', '-o', out, '--release', 'bot', '--namespace', namespace, '-f', values], {});
    expect(synth).toMatchObject({ exitCode: 0 });
    progress('kubectl apply --server-side of the synthesized manifests');
    const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'gitops', '-f', join(out, 'bot.k8s.yaml')]);
    expect(applied.status).toBe(0);

    // Plain objects, no hook: what every run of the CronJob needs stays.
    const cronJob = JSON.parse(kubectl(['get', 'cronjob', 'bot-rasa-remint', '-n', namespace, '-o', 'json']));
    expect(cronJob.spec).toMatchObject({ schedule: '* * * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 300 });
    expect(cronJob.spec.jobTemplate.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'minter' });
    for (const kind of ['serviceaccount', 'role', 'rolebinding', 'configmap']) {
      const object = JSON.parse(kubectl(['get', kind, 'bot-rasa-minter', '-n', namespace, '-o', 'json']));
      expect([kind, Object.keys(object.metadata.annotations ?? {}).filter((a) => a.startsWith('helm.sh/'))]).toEqual([kind, []]);
    }

    const first = await waitFor('the minter Job\'s tokens in ConfigMap bot-rasa-widgets', () => {
      const data = configMapData(namespace, WIDGETS);
      return data?.['kiosk.token'] ? data : undefined;
    }, 120_000);
    const firstExp = expOf(first['kiosk.token']!);
    expect(first['kiosk.expires-at']).toBe(expiryTime(firstExp));
    expect(first['website.expires-at']).toBeUndefined();

    const second = await waitFor('a run of the CronJob that signs kiosk again with a later exp', () => {
      const data = configMapData(namespace, WIDGETS);
      return data?.['kiosk.token'] && expOf(data['kiosk.token']) > firstExp ? data : undefined;
    }, 150_000);
    const secondExp = expOf(second['kiosk.token']!);
    expect(second['kiosk.expires-at']).toBe(expiryTime(secondExp));
    expect(await rasaDecision(second['kiosk.token']!, signingKey(KEY, 'the Secret'), 'HS256', Date.now())).toMatchObject({ accepted: true });
    // The token that never expires is the same bytes at every run.
    expect(second['website.token']).toBe(first['website.token']);
    await waitFor('that run of the CronJob to succeed', () => cronJobRuns(namespace).find((r) => r.outcome === 'succeeded'), 30_000);

    const status = await runCli(['status', '-n', namespace, '--release', 'bot', '-f', values], { KUBECONFIG: kubeconfigPath() });
    expect(status).toMatchObject({ exitCode: 0, stderr: '' });
    expect(status.stdout).toMatch(new RegExp(`^ConfigMap ${namespace}/${WIDGETS}: 2 widget token\\(s\\), signed with HS256, key fingerprint [0-9a-f]{16}\\n`));
    expect(status.stdout).toContain(`  kiosk    expires ${expiryTime(secondExp)} (in `);
    expect(status.stdout).toContain('  website  never expires\n');

    progress('putting a 5-byte key into the Secret: a run must now fail');
    kubectl(['patch', 'secret', 'rasa-socketio-jwt', '-n', namespace, '-p', JSON.stringify({ stringData: { 'jwt-key': 'short' } })]);
    // A run started from the CronJob's template now, as `kubectl create job --from` (and `rotate`)
    // start one, rather than waiting for the next minute: the same Job, without a minute's wait.
    kubectl(['create', 'job', 'bot-rasa-remint-now', '--from=cronjob/bot-rasa-remint', '-n', namespace]);
    const failed = await waitFor('the run started from the CronJob to fail', () =>
      cronJobRuns(namespace).find((r) => r.name === 'bot-rasa-remint-now' && r.outcome === 'failed'), 150_000);
    const log = kubectl(['logs', `job/${failed.name}`, '-n', namespace]);
    expect(log).toContain('minter: error: the key in the environment variable RASA_SOCKETIO_JWT_KEY is 5 bytes: HS256 needs at least 32');
    expect(log).not.toContain('short');
    // The tokens handed out stay: still signed with the key they had, and not expired.
    const kept = configMapData(namespace, WIDGETS)!['kiosk.token']!;
    expect(expOf(kept)).toBeGreaterThanOrEqual(secondExp);
    expect(await rasaDecision(kept, signingKey(KEY, 'the Secret'), 'HS256', Date.now())).toMatchObject({ accepted: true });
  }), 480_000);
});
