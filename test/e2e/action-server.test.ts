// The action server on the real cluster: `helm install --wait` with actionServer.enabled runs the
// test bot's custom action (rsj.test/rasa-sdk, test/e2e/bot/actions) beside Rasa, endpoints.yml
// points Rasa at it by its Service's DNS name, and the action's reply reaches a socket.io client
// and Chromium on a page made from the ConfigMap's snippet, whose widget opens the chat with
// /whoami.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';
import { createNamespace, kubectl } from '../cluster/support.js';
import { toolFromEnv } from '../compat/support.js';
import { chatOnce } from '../support/socketio-chat.js';
import { pageWithSnippet, serveWidgetPage } from '../support/widget-page.js';
import {
  configMapData, createKeySecret, deleteNamespace, describeE2E, helm, helmMessages, portForward, withDiagnostics, type PortForward,
} from './cluster.js';
import { podReadySince } from './pods.js';
import { ARTIFACTS, PathReport } from './report.js';
import { ACTION_REPLY, BOT_GREETING, LOCAL_CLUSTER_VALUES, RASA_SDK_IMAGE, valuesFile } from './values.js';

const chromiumPath = toolFromEnv('RSJ_CHROMIUM', "Debian's chromium (apt-get install chromium)");
const describeActions = chromiumPath ? describeE2E : describe.skip;

/** Ports of their own, so that this file runs beside helm-lifecycle.test.ts. */
const RASA_LOCAL_PORT = 15105;
const WIDGET_URL = `http://127.0.0.1:${RASA_LOCAL_PORT}`;
const PAGE_PORT = 15180;
const PAGE_ORIGIN = `http://127.0.0.1:${PAGE_PORT}`;
const STEP_TIMEOUT_MS = 600_000;

const values = {
  ...LOCAL_CLUSTER_VALUES,
  rasa: { ...LOCAL_CLUSTER_VALUES.rasa, cors: [PAGE_ORIGIN] },
  actionServer: { enabled: true, image: RASA_SDK_IMAGE, resources: { requests: { cpu: '50m', memory: '96Mi' } } },
  widgets: [{ name: 'website', url: WIDGET_URL, initialPayload: '/whoami' }],
};

/** The action's reply to the conversation of `sender`. */
const actionReply = (sender: string) => `${ACTION_REPLY}${sender}`;

describeActions('the action server on the real cluster: a custom action answers the browser', () => {
  let namespace: string;
  let forward: PortForward | undefined;

  beforeAll(async () => {
    namespace = await createNamespace('e2e-actions');
  });

  afterAll(() => {
    forward?.stop();
    deleteNamespace(namespace);
  });

  test('helm install --wait runs the action server, restricted, and Rasa calls it by its DNS name', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('action-server');
    createKeySecret(namespace, randomBytes(32).toString('hex'));
    const started = Date.now();
    const install = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(values), '--wait', '--timeout', '10m']);
    expect(helmMessages(install.stderr)).toBe('');
    expect(install.status).toBe(0);
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server', started));

    const actionPods = JSON.parse(kubectl(['get', 'pods', '-n', namespace, '-l', 'app.kubernetes.io/component=action-server', '-o', 'json'])) as
      { items: Array<{ spec: { containers: Array<{ image: string; securityContext: { readOnlyRootFilesystem: boolean } }> }; status: { phase: string } }> };
    expect(actionPods.items).toHaveLength(1);
    expect(actionPods.items[0]!.status.phase).toBe('Running');
    expect(actionPods.items[0]!.spec.containers[0]).toMatchObject({ image: 'rsj.test/rasa-sdk:3.6.2', securityContext: { readOnlyRootFilesystem: true } });
    const endpoints = parse(configMapData(namespace, 'bot-rasa-config')!['endpoints.yml']!) as Record<string, unknown>;
    expect(endpoints).toEqual({ action_endpoint: { url: `http://bot-rasa-actions.${namespace}.svc:5055/webhook` } });

    forward = await portForward(namespace, 'service/bot-rasa', 5005, RASA_LOCAL_PORT);
    const token = configMapData(namespace, 'bot-rasa-widgets')!['website.token']!;
    const reply = await chatOnce(forward.url, token, 'who am i');
    report.replied(reply);
    expect(reply).toMatch(new RegExp(`^${ACTION_REPLY}[0-9a-f]{32}$`));
    // The bot's own responses are unchanged beside the action server.
    expect(await chatOnce(forward.url, token, 'hello')).toBe(BOT_GREETING);
    report.passed();
  }), STEP_TIMEOUT_MS);

  test("Chromium on a page with the ConfigMap's snippet opens the chat with /whoami and shows the action's reply", () => withDiagnostics(namespace, async () => {
    const report = new PathReport('action-server-browser');
    const snippet = configMapData(namespace, 'bot-rasa-widgets')!['website.legacy.html']!;
    expect(snippet).toContain('data-initial-payload="/whoami"');
    const { server } = await serveWidgetPage(() => pageWithSnippet(snippet), PAGE_PORT);
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--headless', '--no-sandbox', '--disable-gpu'], timeout: 60_000 });
    try {
      const tab = await browser.newPage({ viewport: { width: 900, height: 560 } });
      await tab.goto(`${PAGE_ORIGIN}/`);
      const status = tab.locator('#chat-status[data-state="replied"], #chat-status[data-state="refused"]');
      await status.waitFor({ timeout: 60_000 });
      mkdirSync(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, 'action-server-browser.png');
      await tab.screenshot({ path: screenshot });
      report.screenshot(screenshot);
      expect(await status.getAttribute('data-state')).toBe('replied');
      // The stand-in names its session: with session_persistence, Rasa's sender is the session id.
      const session = /^session ([0-9a-f]{32}):/.exec((await status.textContent()) ?? '')?.[1];
      expect(session).toBeDefined();
      const transcript = await tab.locator('#chat-transcript li').allTextContents();
      expect(transcript).toEqual(['you: /whoami', `bot: ${actionReply(session!)}`]);
      report.replied(actionReply(session!));
      report.passed();
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }), STEP_TIMEOUT_MS);
});
