// A real browser (Debian's headless Chromium, driven by playwright-core) opens a page made from
// OUR snippet and talks to Rasa's own socketio channel (rasa-pro, via rasa_server.py). The widget's
// script cannot be fetched here, so widget-stand-in.js does what it does with the snippet's div.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../../src/cli/run.js';
import { pageWithSnippet, serveWidgetPage } from '../support/widget-page.js';
import { repoDir, startRasa, tamper, toolFromEnv, writeDefaultCredentials, type ServerProcess } from './support.js';

const rasaPython = toolFromEnv('RSJ_RASA_PYTHON', 'rasa-pro 3.21.0 (test/compat/requirements-rasa-pro.txt)');
const chromiumPath = toolFromEnv('RSJ_CHROMIUM', "Debian's chromium (apt-get install chromium)");
const describeBrowser = rasaPython && chromiumPath ? describe : describe.skip;

const KEY = randomBytes(32).toString('hex');
const ARTIFACTS = join(repoDir, 'test-artifacts', 'compat');
const STATE_TIMEOUT_MS = 20_000;
const MESSAGE = 'Hello from the browser';

/** A web page with the snippet as `rasa-socketio-jwt snippet` prints it, the widget script swapped for the stand-in. */
async function widgetPage(rasaUrl: string, token: string): Promise<string> {
  const snippet = await runCli(['snippet', '--url', rasaUrl, '--token', token], {});
  expect(snippet.exitCode).toBe(0);
  return pageWithSnippet(snippet.stdout);
}

describeBrowser('Chromium on a page with our snippet, against Rasa\'s own socketio channel (rasa-pro 3.21.0)', () => {
  let rasa: ServerProcess;
  let browser: Browser;
  /** The page's HTML, set by each test before it loads the page. */
  let html = '';
  let site: { server: Server; origin: string };
  let otherSite: { server: Server; origin: string };
  /** Requests the page tried to send off this machine; the guard below aborts them. */
  const offMachine: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await serveWidgetPage(() => html);
    otherSite = await serveWidgetPage(() => html);
    // As `rasa run --cors <site>`: a page on another origin needs it for socket.io's polling.
    rasa = await startRasa(rasaPython!, writeDefaultCredentials(), KEY, ['--cors', site.origin]);
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 60_000,
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await rasa?.stop();
    for (const s of [site, otherSite]) await new Promise((resolve) => s?.server.close(resolve));
  });

  afterEach(() => {
    expect(offMachine).toEqual([]);
  });

  async function openWidgetPage(origin: string, token: string, screenshot: string): Promise<{ page: Page; state: string }> {
    html = await widgetPage(`http://127.0.0.1:${rasa.port}`, token);
    const context = await browser.newContext({ viewport: { width: 900, height: 560 } });
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1') return route.continue();
      offMachine.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const status = page.locator('#chat-status[data-state="replied"], #chat-status[data-state="refused"]');
    await status.waitFor({ timeout: STATE_TIMEOUT_MS });
    await page.screenshot({ path: join(ARTIFACTS, screenshot) });
    return { page, state: (await status.getAttribute('data-state'))! };
  }

  async function mintedToken(): Promise<string> {
    const minted = await runCli(['mint', '--key-env', 'RASA_SOCKETIO_JWT_KEY'], { RASA_SOCKETIO_JWT_KEY: KEY });
    expect(minted.exitCode).toBe(0);
    return minted.stdout.trim();
  }

  test('a minted token: the session is confirmed, the message reaches Rasa and the bot reply shows', async () => {
    const { page, state } = await openWidgetPage(site.origin, await mintedToken(), 'browser-accepted.png');
    try {
      expect(state).toBe('replied');
      expect(await page.locator('#chat-transcript li').allTextContents()).toEqual([`you: ${MESSAGE}`, `bot: echo: ${MESSAGE}`]);
      const sessionId = /^session ([0-9a-f]{32}): the bot replied$/.exec((await page.textContent('#chat-status'))!)?.[1];
      expect(sessionId).toBeDefined();
      const received = await rasa.waitForLine((line) => line.startsWith('RECEIVED ') && line.includes(sessionId!), STATE_TIMEOUT_MS);
      expect(JSON.parse(received.slice('RECEIVED '.length))).toEqual({ sender_id: sessionId, text: MESSAGE, input_channel: 'socketio' });
    } finally {
      await page.context().close();
    }
  });

  test('a tampered token: the page shows Rasa\'s refusal and sends nothing', async () => {
    const receivedBefore = rasa.lines.filter((line) => line.startsWith('RECEIVED ')).length;
    const { page, state } = await openWidgetPage(site.origin, tamper(await mintedToken()), 'browser-refused.png');
    try {
      expect(state).toBe('refused');
      expect(await page.textContent('#chat-status')).toBe('not connected: Connection rejected by server');
      expect(await page.locator('#chat-transcript li').count()).toBe(0);
      expect(rasa.lines.filter((line) => line.startsWith('RECEIVED ')).length).toBe(receivedBefore);
    } finally {
      await page.context().close();
    }
  });

  test('a valid token on a page whose origin Rasa does not allow (no --cors for it): polling is blocked', async () => {
    const { page, state } = await openWidgetPage(otherSite.origin, await mintedToken(), 'browser-other-origin.png');
    try {
      expect(state).toBe('refused');
      expect(await page.textContent('#chat-status')).toBe('not connected: xhr poll error');
    } finally {
      await page.context().close();
    }
  });
});
