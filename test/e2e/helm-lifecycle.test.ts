// The Helm path on the real cluster, as a user takes it: `helm install --wait` with a key the
// cluster generates, a chat through `kubectl port-forward` (socket.io-client, then Chromium on a
// page made from the ConfigMap's snippet), `helm upgrade` and `helm rollback`, and the tokens
// through all of it.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { mintToken, rasaDecision, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubectl } from '../cluster/support.js';
import { toolFromEnv } from '../compat/support.js';
import { chatOnce, connect } from '../support/socketio-chat.js';
import { pageWithSnippet, serveWidgetPage } from '../support/widget-page.js';
import {
  configMapData, deleteNamespace, describeE2E, helm, helmMessages, portForward, progress, secretValue, withDiagnostics, type PortForward,
} from './cluster.js';
import { podReadySince } from './pods.js';
import { ARTIFACTS, PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, RASA_IMAGE_NEXT_TAG, valuesFile } from './values.js';

const chromiumPath = toolFromEnv('RSJ_CHROMIUM', "Debian's chromium (apt-get install chromium)");
const describeHelmPath = chromiumPath ? describeE2E : describe.skip;

/** Where the widgets reach Rasa: the port a user forwards to the Service, as the snippet says. */
const RASA_LOCAL_PORT = 15005;
const WIDGET_URL = `http://127.0.0.1:${RASA_LOCAL_PORT}`;
/** The origin of the page that embeds the widget; Rasa allows it with --cors (rasa.cors). */
const PAGE_PORT = 15080;
const PAGE_ORIGIN = `http://127.0.0.1:${PAGE_PORT}`;
const STEP_TIMEOUT_MS = 600_000;

const FIRST_WIDGETS = [
  { name: 'website', url: WIDGET_URL },
  { name: 'campaign', url: WIDGET_URL, claims: { sender_id: 'campaign' }, expiresIn: '30d' },
];
const installValues = {
  ...LOCAL_CLUSTER_VALUES,
  rasa: { ...LOCAL_CLUSTER_VALUES.rasa, cors: [PAGE_ORIGIN] },
  socketio: { jwtKey: { generate: true, secretName: 'bot-jwt' } },
  widgets: FIRST_WIDGETS,
};
const upgradeValues = {
  ...installValues,
  rasa: { ...installValues.rasa, image: { ...installValues.rasa.image, tag: RASA_IMAGE_NEXT_TAG } },
  widgets: [...FIRST_WIDGETS, { name: 'support', url: WIDGET_URL, initialPayload: '/greet' }],
};

function tokensIn(data: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => k.endsWith('.token')));
}

describeHelmPath('helm install, chat, upgrade and rollback on the real cluster', () => {
  let namespace: string;
  let forward: PortForward | undefined;

  const widgetsConfigMap = () => configMapData(namespace, 'bot-rasa-widgets');
  const key = () => secretValue(namespace, 'bot-jwt', 'jwt-key');

  /** (Re)opens the port-forward to the Service: a forward follows one pod, which a rollout replaces. */
  async function forwardToRasa(): Promise<string> {
    forward?.stop();
    forward = await portForward(namespace, 'service/bot-rasa', 5005, RASA_LOCAL_PORT);
    return forward.url;
  }

  async function expectAllTokensVerify(): Promise<Record<string, string>> {
    const tokens = tokensIn(widgetsConfigMap());
    for (const [name, token] of Object.entries(tokens)) {
      expect([name, await rasaDecision(token, signingKey(key(), 'the Secret'), 'HS256', Date.now())]).toEqual([name, expect.objectContaining({ accepted: true })]);
    }
    return tokens;
  }

  beforeAll(async () => {
    namespace = await createNamespace('e2e-helm');
  });

  afterAll(() => {
    forward?.stop();
    deleteNamespace(namespace);
  });

  test('helm install --wait: the key is generated, Rasa turns Ready, the tokens chat and others are refused', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('helm-install');
    const started = Date.now();
    const install = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(installValues), '--wait', '--timeout', '10m']);
    expect(helmMessages(install.stderr)).toBe('');
    expect(install.status).toBe(0);
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server', started));

    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    const tokens = await expectAllTokensVerify();
    expect(Object.keys(tokens).sort()).toEqual(['campaign.token', 'website.token']);

    const url = await forwardToRasa();
    const reply = await chatOnce(url, tokens['website.token']!, 'hello');
    report.replied(reply);
    expect(reply).toBe(BOT_GREETING);
    expect(await chatOnce(url, tokens['campaign.token']!, 'hi', { transports: ['websocket'] })).toBe(BOT_GREETING);

    const wrongKey = (await mintToken({ key: signingKey(randomBytes(32).toString('hex'), 'another key'), method: 'HS256', claims: { sender_id: 'x' }, expiresIn: '', now: Date.now(), where: 'test' })).token;
    const expired = (await mintToken({ key: signingKey(key(), 'the Secret'), method: 'HS256', claims: { sender_id: 'x' }, expiresIn: '1h', now: Date.now() - 2 * 3600_000, where: 'test' })).token;
    for (const [what, auth] of [['a wrong key', { token: wrongKey }], ['an expired token', { token: expired }], ['no token', undefined]] as const) {
      progress(`connecting with ${what}: expecting connect_error`);
      await expect(connect(url, auth ? { auth } : {})).rejects.toThrow('Connection rejected by server');
    }
    report.passed();
  }), STEP_TIMEOUT_MS);

  test("Chromium on a page with the ConfigMap's snippet chats with the bot through the port-forward", () => withDiagnostics(namespace, async () => {
    const report = new PathReport('browser');
    const snippet = widgetsConfigMap()!['website.legacy.html']!;
    expect(snippet).toContain(`data-websocket-url="${WIDGET_URL}"`);
    const { server } = await serveWidgetPage(() => pageWithSnippet(snippet), PAGE_PORT);
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--headless', '--no-sandbox', '--disable-gpu'], timeout: 60_000 });
    try {
      await forwardToRasa();
      const tab = await browser.newPage({ viewport: { width: 900, height: 560 } });
      await tab.goto(`${PAGE_ORIGIN}/`);
      const status = tab.locator('#chat-status[data-state="replied"], #chat-status[data-state="refused"]');
      await status.waitFor({ timeout: 60_000 });
      mkdirSync(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, 'browser.png');
      await tab.screenshot({ path: screenshot });
      report.screenshot(screenshot);
      expect(await status.getAttribute('data-state')).toBe('replied');
      const transcript = await tab.locator('#chat-transcript li').allTextContents();
      expect(transcript[0]).toBe('you: Hello from the browser');
      expect(transcript[1]).toBe(`bot: ${BOT_GREETING}`);
      report.replied(transcript[1]!.slice('bot: '.length));
      report.passed();
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }), STEP_TIMEOUT_MS);

  test('helm upgrade (a widget added, the image tag changed) and helm rollback keep the key and the tokens working', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('helm-upgrade-rollback');
    const keyBefore = key();
    const tokensBefore = tokensIn(widgetsConfigMap());

    const started = Date.now();
    const upgrade = await helm(['upgrade', 'bot', 'chart', '-n', namespace, '-f', valuesFile(upgradeValues), '--wait', '--timeout', '10m']);
    expect(upgrade.status).toBe(0);
    expect(kubectl(['get', 'deployment', 'bot-rasa', '-n', namespace, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe(`rsj.test/rasa:${RASA_IMAGE_NEXT_TAG}`);
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server', started));
    expect(key()).toBe(keyBefore);
    const upgraded = await expectAllTokensVerify();
    expect(Object.keys(upgraded).sort()).toEqual(['campaign.token', 'support.token', 'website.token']);
    expect(upgraded['website.token']).toBe(tokensBefore['website.token']);
    let url = await forwardToRasa();
    const reply = await chatOnce(url, tokensBefore['website.token']!, 'hello');
    report.replied(reply);
    expect(reply).toBe(BOT_GREETING);
    expect(await chatOnce(url, upgraded['support.token']!, 'hello')).toBe(BOT_GREETING);

    const rollback = await helm(['rollback', 'bot', '1', '-n', namespace, '--wait', '--timeout', '10m']);
    expect(rollback.status).toBe(0);
    expect(kubectl(['get', 'deployment', 'bot-rasa', '-n', namespace, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('rsj.test/rasa:3.6.21');
    expect(key()).toBe(keyBefore);
    // The rolled-back release's minter Job (its name back, so run again) leaves exactly its widgets.
    const rolledBack = await expectAllTokensVerify();
    expect(Object.keys(rolledBack).sort()).toEqual(['campaign.token', 'website.token']);
    expect(Object.keys(widgetsConfigMap()!).filter((k) => k.startsWith('support.'))).toEqual([]);
    url = await forwardToRasa();
    expect(await chatOnce(url, tokensBefore['website.token']!, 'hello')).toBe(BOT_GREETING);
    report.passed();
  }), STEP_TIMEOUT_MS * 2);
});
