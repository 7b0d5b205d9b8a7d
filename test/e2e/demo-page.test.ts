// The demo page as a user meets it: `helm install` with demo.enabled, the two port-forwards that
// NOTES.txt prints, run as printed, and Chromium on http://localhost:<demo.port>, where the widget
// of the page (the minter's snippet, read from its ConfigMap) chats with the bot through the other
// forward, allowed by the CORS origin the chart adds. The widget's script is off this machine, so
// the browser gets the test stand-in for it (routeWidgetScript). Without --wait, as most first
// installs go: the minter Job then runs while the pods start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createNamespace } from '../cluster/support.js';
import { toolFromEnv } from '../compat/support.js';
import { routeWidgetScript } from '../support/widget-page.js';
import {
  configMapData, deleteNamespace, describeE2E, helm, helmMessages, portForward, progress, rolloutReady, waitFor, withDiagnostics, type PortForward,
} from './cluster.js';
import { podReadySince } from './pods.js';
import { ARTIFACTS, PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const chromiumPath = toolFromEnv('RSJ_CHROMIUM', "Debian's chromium (apt-get install chromium)");
const describeDemo = chromiumPath ? describeE2E : describe.skip;

/** Ports of their own, so that the forwards on this machine (local port = remote port, as NOTES prints them) meet no other test's. */
const DEMO_PORT = 15280;
const RASA_SERVICE_PORT = 15205;

describeDemo('the demo page: helm install with demo.enabled, the port-forwards of NOTES.txt, and a chat in Chromium', () => {
  let namespace: string;
  const forwards: PortForward[] = [];

  beforeAll(async () => {
    namespace = await createNamespace('e2e-demo');
  });

  afterAll(() => {
    for (const f of forwards) f.stop();
    deleteNamespace(namespace);
  });

  test('the page shows the current token and its widget gets the bot\'s answer', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('demo-page');
    const started = Date.now();
    const values = {
      ...LOCAL_CLUSTER_VALUES,
      socketio: { jwtKey: { generate: true } },
      service: { port: RASA_SERVICE_PORT },
      demo: { enabled: true, port: DEMO_PORT },
    };
    const install = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(values), '--timeout', '5m']);
    expect(helmMessages(install.stderr)).toBe('');
    expect(install.status).toBe(0);
    await rolloutReady(namespace, 'bot-rasa-demo', 120_000);
    report.ready(await podReadySince(namespace, 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server', started, 180_000));

    // What NOTES.txt tells the user to run, run as it says (the local port is the remote one).
    const commands = [...install.stdout.matchAll(/^ {2}kubectl -n (\S+) port-forward service\/(\S+) (\d+)$/gm)]
      .map(([, ns, service, port]) => ({ ns, service: service!, port: Number(port) }));
    expect(commands).toEqual([
      { ns: namespace, service: 'bot-rasa', port: RASA_SERVICE_PORT },
      { ns: namespace, service: 'bot-rasa-demo', port: DEMO_PORT },
      { ns: namespace, service: 'bot-rasa', port: RASA_SERVICE_PORT },
    ]);
    expect(install.stdout).toContain(`http://localhost:${DEMO_PORT} and chat`);
    for (const { service, port } of commands.slice(1)) forwards.push(await portForward(namespace, `service/${service}`, port, port));

    const token = configMapData(namespace, 'bot-rasa-widgets')?.['web-chat.token'];
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--headless', '--no-sandbox', '--disable-gpu'], timeout: 60_000 });
    try {
      const context = await browser.newContext({ viewport: { width: 900, height: 720 } });
      const offMachine = await routeWidgetScript(context);
      const tab = await context.newPage();
      await tab.goto(`http://localhost:${DEMO_PORT}/`);
      // The pod may have started before the minter wrote the ConfigMap: the page says so and reloads
      // itself until the kubelet has updated the volume (within its sync period, a minute by default).
      await waitFor('the demo page to show the widget with its token', async () =>
        // A reload under way destroys the page's context: count nothing then, and look again.
        (await tab.locator('#rasa-chat-widget').count().catch(() => 0)) > 0 || undefined, 150_000, 2000);
      progress(`the demo page shows the widget, ${((Date.now() - started) / 1000).toFixed(0)}s after helm install`);
      expect(await tab.locator('#rasa-chat-widget').getAttribute('data-token')).toBe(token);
      expect(await tab.locator('#rasa-chat-widget').getAttribute('data-websocket-url')).toBe(`http://localhost:${RASA_SERVICE_PORT}`);
      const status = tab.locator('#chat-status[data-state="replied"], #chat-status[data-state="refused"]');
      await status.waitFor({ timeout: 60_000 });
      mkdirSync(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, 'demo-page.png');
      await tab.screenshot({ path: screenshot, fullPage: true });
      report.screenshot(screenshot);
      expect(await status.getAttribute('data-state')).toBe('replied');
      const transcript = await tab.locator('#chat-transcript li').allTextContents();
      expect(transcript).toEqual(['you: Hello from the browser', `bot: ${BOT_GREETING}`]);
      report.replied(BOT_GREETING);
      expect(offMachine).toEqual([]);
      report.passed();
    } finally {
      await browser.close();
    }
  }), 300_000);
});
