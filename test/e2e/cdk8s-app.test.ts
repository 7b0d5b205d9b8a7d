// The TypeScript path: the example cdk8s app (examples/cdk8s-app, written as `cdk8s init` would
// lay it out) synthesized with the real `cdk8s synth`, applied, and chatting.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from '../compat/support.js';
import { createNamespace, kubectl, kubectlResult, run } from '../cluster/support.js';
import { chatOnce } from '../support/socketio-chat.js';
import { configMapData, createKeySecret, deleteNamespace, describeE2E, portForward, progress, waitFor, withDiagnostics } from './cluster.js';
import { podReadySince } from './pods.js';
import { PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const KEY = randomBytes(32).toString('hex');

describeE2E('a cdk8s app using the constructs, synthesized with cdk8s synth and applied', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('e2e-cdk8s');
    createKeySecret(namespace, KEY);
  });

  afterAll(() => deleteNamespace(namespace));

  test('cdk8s synth, kubectl apply: the minter writes the snippet and its token chats with the bot', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('cdk8s-app');
    const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-cdk8s-'));
    progress('cdk8s synth in examples/cdk8s-app');
    // --no-check-upgrade: the CLI would ask the npm registry for a newer cdk8s-cli first, as a
    // pipeline with no way out would turn off too.
    const synth = await run(join(repoDir, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--output', out], {
      ...process.env, BOT_NAMESPACE: namespace, BOT_VALUES: valuesFile(LOCAL_CLUSTER_VALUES),
    }, join(repoDir, 'examples/cdk8s-app'));
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    expect(readdirSync(out)).toEqual(['chat.k8s.yaml']);

    const started = Date.now();
    const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'cdk8s-app', '-f', join(out, 'chat.k8s.yaml')]);
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const data = await waitFor('the website token in ConfigMap bot-rasa-widgets', () => {
      const found = configMapData(namespace, 'bot-rasa-widgets');
      return found?.['website.token'] ? found : undefined;
    }, 300_000);
    expect(data['website.legacy.html']).toContain('data-initial-payload="/greet"');
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/component=server', started));
    expect(kubectl(['get', 'deployment', 'bot-rasa', '-n', namespace, '-o', 'jsonpath={.metadata.labels.example\\.com/team}'])).toBe('web');

    const forward = await portForward(namespace, 'service/bot-rasa', 5005);
    try {
      const reply = await chatOnce(forward.url, data['website.token']!, 'hello');
      report.replied(reply);
      expect(reply).toBe(BOT_GREETING);
    } finally {
      forward.stop();
    }
    report.passed();
  }), 900_000);
});
