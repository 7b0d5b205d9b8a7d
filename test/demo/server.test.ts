// The demo page server as the pod runs it: a real HTTP server on loopback over a folder laid out as
// the kubelet mounts the minter's ConfigMap, holding what the minter writes (widgetsConfigMapData).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDemoInput, type DemoInput } from '../../src/demo/input.js';
import { createDemoServer } from '../../src/demo/server.js';
import { widgetsConfigMapData, type MintedWidget } from '../../src/minter/output.js';

const widget = (token: string, expiresAt: number | null = null): MintedWidget =>
  ({ name: 'website', url: 'http://localhost:5005', token, initialPayload: '', expiresAt });

/** Writes the ConfigMap's keys as files, as a ConfigMap volume shows them. */
function writeConfigMap(dir: string, widgets: readonly MintedWidget[]): void {
  for (const [key, value] of Object.entries(widgetsConfigMapData(widgets, { method: 'HS256', keyFingerprint: 'f'.repeat(16) }))) {
    writeFileSync(join(dir, key), value);
  }
}

describe('the demo page server', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let input: DemoInput;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rsj-demo-'));
    input = { configMap: 'bot-rasa-widgets', namespace: 'chat', port: 0, rasaService: 'bot-rasa', rasaServicePort: 5005, widget: 'website', widgetsDir: dir };
    server = createDemoServer(input);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test("serves the widget's snippet with its token, and shows a re-minted token at the next request", async () => {
    writeConfigMap(dir, [widget('token.one', Date.UTC(2030, 0, 1) / 1000)]);
    const first = await fetch(`${origin}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await first.text();
    expect(page).toContain('<div id="rasa-chat-widget" data-websocket-url="http://localhost:5005" data-token="token.one"></div>');
    expect(page).toContain('<script src="https://unpkg.com/@rasahq/rasa-chat" type="application/javascript"></script>');
    expect(page).toContain('It expires at <code>2030-01-01T00:00:00.000Z</code>.');
    expect(page).toContain('<code>kubectl -n chat port-forward service/bot-rasa 5005</code>');
    expect(page).not.toContain('http-equiv="refresh"');

    writeConfigMap(dir, [widget('token.two')]);
    const second = await (await fetch(`${origin}/`)).text();
    expect(second).toContain('data-token="token.two"');
    expect(second).not.toContain('token.one');
    expect(second).toContain('It does not expire.');
  });

  test('says that the minter has not written the token yet, and reloads itself', async () => {
    const page = await (await fetch(`${origin}/`)).text();
    expect(page).toContain('There is no token for widget <code>website</code> yet');
    expect(page).toContain('ConfigMap <code>chat/bot-rasa-widgets</code>');
    expect(page).toContain('<meta http-equiv="refresh" content="5">');
    expect(page).not.toContain('rasa-chat-widget');
  });

  test('answers liveness always, readiness while it can read the ConfigMap, and nothing else', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    expect((await fetch(`${origin}/index.json`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST', body: 'x' })).status).toBe(405);
    rmSync(dir, { recursive: true });
    const notReady = await fetch(`${origin}/readyz`);
    expect([notReady.status, await notReady.text()]).toEqual([503, `cannot read ${dir}: ENOENT\n`]);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});

describe('demo.json', () => {
  const valid = { configMap: 'w', namespace: 'chat', port: 8080, rasaService: 'bot-rasa', rasaServicePort: 5005, widget: 'website', widgetsDir: '/widgets' };

  test('is read field by field, and refused with the field named', () => {
    expect(parseDemoInput(valid)).toEqual(valid);
    expect(() => parseDemoInput([])).toThrow(expect.objectContaining({ code: 'ERR_DEMO_INPUT', message: 'demo input: must be a JSON object' }));
    expect(() => parseDemoInput({ ...valid, widget: '' })).toThrow("demo input: 'widget' must be a non-empty string");
    expect(() => parseDemoInput({ ...valid, port: 70000 })).toThrow("demo input: 'port' must be a port (1 to 65535)");
  });
});

test('chart/files/demo.mjs runs on node alone: it serves the page from its demo.json, and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-demo-bundle-'));
  const widgetsDir = join(dir, 'widgets');
  mkdirSync(widgetsDir);
  writeConfigMap(widgetsDir, [widget('token.bundled')]);
  const port = await freePort();
  writeFileSync(join(dir, 'demo.json'), JSON.stringify({
    configMap: 'bot-rasa-widgets', namespace: 'chat', port, rasaService: 'bot-rasa', rasaServicePort: 5005, widget: 'website', widgetsDir,
  }));
  const child = spawn(process.execPath, ['chart/files/demo.mjs', join(dir, 'demo.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 10_000);
      child.stdout.on('data', () => {
        if (output.includes('serving widget')) { clearTimeout(deadline); resolve(); }
      });
    });
    expect(output).toBe(`demo: serving widget website from ${widgetsDir} on port ${port}\n`);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('data-token="token.bundled"');
  } finally {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A port nothing listens on now, for a program that takes its port from a file. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
