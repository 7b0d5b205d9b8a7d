// The GitOps path without Helm: the CLI's synthesized manifests applied with
// `kubectl apply --server-side` (what Argo CD and Flux do with rendered manifests), then a settings
// change applied over them. The Job is named after a hash of its inputs, so the change runs a new
// Job instead of failing on the old one's immutable pod template.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubectl, kubectlResult } from '../cluster/support.js';
import { chatOnce } from '../support/socketio-chat.js';
import { configMapData, createKeySecret, deleteNamespace, describeE2E, portForward, progress, waitFor, withDiagnostics } from './cluster.js';
import { podReadySince } from './pods.js';
import { PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const KEY = randomBytes(32).toString('hex');

/** `rasa-socketio-jwt synth` of these values into a fresh folder; returns the manifest file. */
async function synth(namespace: string, values: object): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-gitops-'));
  const result = await runCli(['synth', '-o', out, '--release', 'bot', '--namespace', namespace, '-f', valuesFile(values)], {});
  if (result.exitCode !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return join(out, 'bot.k8s.yaml');
}

function apply(file: string): void {
  progress(`kubectl apply --server-side -f ${file}`);
  const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'gitops', '-f', file]);
  expect(applied.stderr).toBe('');
  expect(applied.status).toBe(0);
}

/** The minter Jobs by name, with whether each has completed. */
function minterJobs(namespace: string): Record<string, boolean> {
  const jobs = JSON.parse(kubectl(['get', 'jobs', '-n', namespace, '-l', 'app.kubernetes.io/component=minter', '-o', 'json'])) as
    { items: Array<{ metadata: { name: string }; status: { succeeded?: number } }> };
  return Object.fromEntries(jobs.items.map((j) => [j.metadata.name, (j.status.succeeded ?? 0) > 0]));
}

async function tokensOnceMinted(namespace: string, widgets: readonly string[]): Promise<Record<string, string>> {
  return waitFor(`the minter Job's tokens for ${widgets.join(', ')} in ConfigMap bot-rasa-widgets`, () => {
    const data = configMapData(namespace, 'bot-rasa-widgets') ?? {};
    return widgets.every((w) => data[`${w}.token`]) ? data : undefined;
  }, 300_000);
}

describeE2E('GitOps: synthesized manifests applied with kubectl apply --server-side', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('e2e-gitops');
    createKeySecret(namespace, KEY);
  });

  afterAll(() => deleteNamespace(namespace));

  test('apply, chat, change the widgets, apply again: a new Job mints, the old one stays, the chat goes on', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('gitops-apply');
    const values = { ...LOCAL_CLUSTER_VALUES, widgets: [{ name: 'website' }] };
    const started = Date.now();
    apply(await synth(namespace, values));
    const first = await tokensOnceMinted(namespace, ['website']);
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/component=server', started));
    const firstJobs = minterJobs(namespace);
    expect(Object.values(firstJobs)).toEqual([true]);

    const forward = await portForward(namespace, 'service/bot-rasa', 5005);
    try {
      const reply = await chatOnce(forward.url, first['website.token']!, 'hello');
      report.replied(reply);
      expect(reply).toBe(BOT_GREETING);

      apply(await synth(namespace, { ...values, widgets: [{ name: 'website' }, { name: 'shop', claims: { sender_id: 'shop' } }] }));
      const second = await tokensOnceMinted(namespace, ['website', 'shop']);
      const jobs = await waitFor('the second minter Job completed', () => {
        const now = minterJobs(namespace);
        return Object.keys(now).length === 2 && Object.values(now).every(Boolean) ? now : undefined;
      }, 300_000);
      expect(Object.keys(jobs)).toEqual(expect.arrayContaining(Object.keys(firstJobs)));
      expect(second['website.token']).toBe(first['website.token']);
      expect(await rasaDecision(second['shop.token']!, signingKey(KEY, 'the Secret'), 'HS256', Date.now())).toMatchObject({ accepted: true });
      // Only the widgets changed: the Rasa pod was not restarted, and both tokens chat on it.
      expect(await chatOnce(forward.url, second['shop.token']!, 'hello')).toBe(BOT_GREETING);
      expect(await chatOnce(forward.url, second['website.token']!, 'hi')).toBe(BOT_GREETING);
    } finally {
      forward.stop();
    }
    report.passed();
  }), 900_000);
});
