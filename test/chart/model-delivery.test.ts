// Model delivery beyond what the equivalence test compares: the warning when the stock image gets no
// model (NOTES and the CLI alike), the models claim, and the two Python scripts the chart ships for
// the Rasa image (chart/files/model-download.py, model-ready.py), run with a real Python against a
// real HTTP server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { modelSourceWarnings, resolveSettings } from '../../src/settings/index.js';
import { describeHelm, helm, helmTemplate, synthObjects } from './helm.js';

const PYTHON = process.env.RSJ_PYTHON ?? 'python3';
const SHA = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-model-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

/** The WARNING lines of the chart's NOTES that are about the model. */
function helmModelWarnings(file: string): string[] {
  const result = helm(['install', 'bot', 'chart', '--dry-run=client', '-f', file]);
  if (result.status !== 0) throw new Error(result.stderr);
  const notes = result.stdout.slice(result.stdout.indexOf('\nNOTES:\n'));
  return notes.split('\n').filter((line) => line.startsWith('WARNING: ') && line.includes('model'))
    .map((line) => line.slice('WARNING: '.length));
}

/** The CLI's warning lines about the model for the same values. */
async function synthModelWarnings(file: string): Promise<string[]> {
  const result = await runCli(['synth', '-f', file, '-o', mkdtempSync(join(tmpdir(), 'rsj-model-out-'))], {});
  if (result.exitCode !== 0) throw new Error(result.stderr);
  return (result.stderr ?? '').split('\n').filter((line) => line.startsWith('warning: ') && line.includes('model'))
    .map((line) => line.slice('warning: '.length));
}

const DOWNLOAD = { url: 'https://models.example.com/bot.tar.gz', sha256: 'c'.repeat(64) };

describeHelm('the chart and the CLI alike', () => {
  test('warn, in the same words, that the stock image holds no model when no source is set', async () => {
    const file = valuesFile({});
    const warnings = await synthModelWarnings(file);
    expect(warnings).toEqual(modelSourceWarnings(resolveSettings()));
    expect(warnings).toEqual([expect.stringMatching(/^the image rasa\/rasa holds no model and no model source is set/)]);
    expect(helmModelWarnings(file)).toEqual(warnings);
    const pro = valuesFile({ rasa: { image: { registry: 'mirror.example.com', repository: 'rasa/rasa-pro' }, license: { secretName: 'rasa-pro' } } });
    expect(await synthModelWarnings(pro)).toEqual([expect.stringMatching(/^the image rasa\/rasa-pro holds no model/)]);
    expect(helmModelWarnings(pro)).toEqual(await synthModelWarnings(pro));
  });

  test.each<[string, object]>([
    ['a download', { rasa: { model: { download: DOWNLOAD } } }],
    ['a claim', { rasa: { model: { persistence: { enabled: true } } } }],
    ['a model server', { rasa: { api: { enabled: true, tokenSecretName: 'api' }, model: { serverUrl: 'https://models.example.com/bot.tar.gz' } } }],
    ['an image of ones own', { rasa: { image: { repository: 'acme/support-bot', tag: '7' } } }],
  ])('say nothing of the model with %s', async (_, values) => {
    const file = valuesFile(values);
    expect(await synthModelWarnings(file)).toEqual([]);
    expect(helmModelWarnings(file)).toEqual([]);
  });

  test('render the models claim only when the chart creates it, as a plain v1 PersistentVolumeClaim', async () => {
    const claimsOf = async (values: object) => {
      const file = valuesFile(values);
      const fromHelm = helmTemplate('bot', 'chat', [file]).filter((o) => o.kind === 'PersistentVolumeClaim');
      const fromSynth = (await synthObjects('bot', 'chat', [file])).filter((o) => o.kind === 'PersistentVolumeClaim');
      expect(fromSynth.map((o) => o.spec)).toEqual(fromHelm.map((o) => o.spec));
      return fromSynth;
    };
    const [claim, ...others] = await claimsOf({ rasa: { model: { persistence: { enabled: true, size: '3Gi' } } } });
    expect(others).toEqual([]);
    expect(claim!.metadata).toMatchObject({ name: 'bot-rasa-models', namespace: 'chat', labels: { 'app.kubernetes.io/component': 'server' } });
    expect(claim!.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } });
    const [shared] = await claimsOf({ rasa: { model: { persistence: { enabled: true, storageClassName: 'nfs', accessModes: ['ReadWriteMany'] } } } });
    expect(shared!.spec).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'nfs' });
    expect(await claimsOf({ rasa: { model: { persistence: { enabled: true, existingClaim: 'kept-models' } } } })).toEqual([]);
    expect(await claimsOf({ rasa: { model: { download: DOWNLOAD } } })).toEqual([]);
  });
});

interface Served {
  readonly url: string;
  readonly requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that answers each path as `routes` says, and keeps what it was asked. */
async function serve(routes: Record<string, (respond: (status: number, body?: Buffer | string, headers?: Record<string, string>) => void) => void>): Promise<Served> {
  const requests: Served['requests'] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ url: request.url!, headers: request.headers });
    const route = routes[request.url!.split('?')[0]!];
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    route((status, body = '', headers = {}) => response.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs a chart/files script as the pod does (`python -c <script> args...`). */
function runScript(name: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = readFileSync(`chart/files/${name}`, 'utf8');
  const child = spawn(PYTHON, ['-c', script, ...args], { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('chart/files/model-download.py (the model-download init container)', () => {
  const model = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251));
  const TOKEN = 'bearer-token-that-must-never-be-printed';
  let server: Served;
  let elsewhere: Served;

  beforeAll(async () => {
    elsewhere = await serve({ '/m.tar.gz': (respond) => respond(200, model) });
    server = await serve({
      '/m.tar.gz': (respond) => respond(200, model),
      '/other.tar.gz': (respond) => respond(200, 'not the model'),
      '/moved.tar.gz': (respond) => respond(302, '', { Location: `${elsewhere.url}/m.tar.gz` }),
      '/forbidden.tar.gz': (respond) => respond(403, 'no'),
    });
  });

  afterAll(async () => {
    await server.close();
    await elsewhere.close();
  });

  const target = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsj-models-'));
    return { dir, file: join(dir, `${SHA(model)}.tar.gz`) };
  };

  test('streams the model into place, named as given, readable by the group, with no partial file left', async () => {
    const { dir, file } = target();
    const run = await runScript('model-download.py', [`${server.url}/m.tar.gz`, SHA(model), file]);
    expect(run).toEqual({
      code: 0, stderr: '',
      stdout: `model-download: ${server.url}/m.tar.gz -> ${file} (${model.length} bytes, sha256 ${SHA(model)})\n`,
    });
    expect(readFileSync(file).equals(model)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual([`${SHA(model)}.tar.gz`]);
  });

  test('sends the token as Authorization: Bearer, not to where a redirect leads, and never prints it', async () => {
    const { file } = target();
    const before = { here: server.requests.length, there: elsewhere.requests.length };
    const direct = await runScript('model-download.py', [`${server.url}/m.tar.gz`, SHA(model), file], { MODEL_DOWNLOAD_TOKEN: TOKEN });
    expect(direct.code).toBe(0);
    expect(server.requests[before.here]!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const redirected = target();
    const moved = await runScript('model-download.py', [`${server.url}/moved.tar.gz`, SHA(model), redirected.file], { MODEL_DOWNLOAD_TOKEN: TOKEN });
    expect(moved.code).toBe(0);
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.requests.slice(before.there).map((r) => r.headers.authorization)).toEqual([undefined]);

    const refused = await runScript('model-download.py', [`${server.url}/forbidden.tar.gz`, SHA(model), target().file], { MODEL_DOWNLOAD_TOKEN: TOKEN });
    expect(refused).toEqual({ code: 1, stdout: '', stderr: `model-download: ${server.url}/forbidden.tar.gz answered HTTP 403 Forbidden\n` });
    for (const run of [direct, moved, refused]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  test('refuses a file whose SHA-256 differs, saying so plainly, and leaves nothing behind', async () => {
    const { dir, file } = target();
    const run = await runScript('model-download.py', [`${server.url}/other.tar.gz?signature=s3cr3t`, SHA(model), file]);
    expect(run).toEqual({
      code: 1, stdout: '',
      stderr: `model-download: sha256 mismatch for ${server.url}/other.tar.gz?...: expected ${SHA(model)}, got ${SHA('not the model')}; the file is not used\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('keeps a file already there with the right SHA-256 (a claim across restarts) without asking the server', async () => {
    const { file } = target();
    writeFileSync(file, model);
    const asked = server.requests.length;
    const run = await runScript('model-download.py', [`${server.url}/m.tar.gz`, SHA(model), file]);
    expect(run).toEqual({ code: 0, stderr: '', stdout: `model-download: ${file} is already there with sha256 ${SHA(model)}; not fetching it again\n` });
    expect(server.requests.length).toBe(asked);
  });

  test('replaces a file there with another SHA-256, and says why it cannot reach a server', async () => {
    const { file } = target();
    writeFileSync(file, 'truncated');
    expect((await runScript('model-download.py', [`${server.url}/m.tar.gz`, SHA(model), file])).code).toBe(0);
    expect(readFileSync(file).equals(model)).toBe(true);
    const unreachable = target();
    const run = await runScript('model-download.py', ['http://127.0.0.1:9/m.tar.gz', SHA(model), unreachable.file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^model-download: could not fetch http:\/\/127\.0\.0\.1:9\/m\.tar\.gz: .*refused/);
    expect(existsSync(unreachable.file)).toBe(false);
  });
});

describe('chart/files/model-ready.py (the readiness probe with the HTTP API on)', () => {
  const TOKEN = 'api-token-that-must-never-be-printed';
  let loaded = false;
  let server: Served;

  beforeAll(async () => {
    server = await serve({
      '/status': (respond) => (loaded ? respond(200, '{"model_id":"m"}') : respond(409, '{"reason":"Conflict"}')),
    });
  });

  afterAll(() => server.close());

  const port = () => new URL(server.url).port;

  test('is not ready while /status answers 409 (no model), and says so without the token', async () => {
    loaded = false;
    const run = await runScript('model-ready.py', [port(), 'RASA_API_AUTH_TOKEN'], { RASA_API_AUTH_TOKEN: TOKEN });
    expect(run).toEqual({ code: 1, stdout: 'not ready: GET /status: no model is loaded\n', stderr: '' });
    expect(new URL(server.url + server.requests.at(-1)!.url).searchParams.get('token')).toBe(TOKEN);
  });

  test('is ready once /status answers 200', async () => {
    loaded = true;
    expect(await runScript('model-ready.py', [port(), 'RASA_API_AUTH_TOKEN'], { RASA_API_AUTH_TOKEN: TOKEN }))
      .toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('is not ready when nothing listens, and never prints the token or the URL', async () => {
    const run = await runScript('model-ready.py', ['9', 'RASA_API_AUTH_TOKEN'], { RASA_API_AUTH_TOKEN: TOKEN });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^not ready: GET \/status: .*refused/);
    expect(run.stdout + run.stderr).not.toMatch(new RegExp(`${TOKEN}|127\\.0\\.0\\.1`));
  });
});
