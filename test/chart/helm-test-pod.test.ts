// The chart's `helm test` pod: how it is rendered, and its program (files/socketio-check.mjs) run
// with the pod's own command and env against a real socket.io server that admits a connection as
// Rasa's socketio channel does (rasaDecision: the token from the connect packet's auth {token},
// checked with the key). The pod against Rasa itself on the cluster: test/e2e/helm-test.test.ts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { stringify } from 'yaml';
import { mintToken, rasaDecision, signingKey } from '../../src/minter/index.js';
import type { K8sObject } from '../support/render.js';
import { describeHelm, helm, parseObjects } from './helm.js';

const KEY = signingKey(randomBytes(32).toString('hex'), 'the test key');
const KEY_512 = signingKey(randomBytes(64).toString('hex'), 'the test key', 'HS512');
const OTHER_KEY = signingKey(randomBytes(32).toString('hex'), 'another key');

function render(values: object = {}): K8sObject[] {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-helm-test-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  const result = helm(['template', 'bot', 'chart', '--namespace', 'chat', '-f', file]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseObjects(result.stdout);
}

const testPods = (objects: K8sObject[]) => objects.filter((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test');

async function token(key: Uint8Array, claims: Record<string, unknown> = { sender_id: 'helm-test' }, method: 'HS256' | 'HS512' = 'HS256'): Promise<string> {
  return (await mintToken({ key, method, claims, expiresIn: '', now: Date.now(), where: 'test' })).token;
}

/** A socket.io server that admits a connection only as Rasa's socketio channel would, or admits all (jwt_key unset). */
async function fakeRasa(options: { key?: Uint8Array; method?: 'HS256' | 'HS512'; path?: string; namespace?: string; port?: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const http: HttpServer = createServer();
  const io = new Server(http, { path: options.path ?? '/socket.io' });
  io.of(options.namespace ?? '/').use(async (socket, next) => {
    if (!options.key) return next();
    const decision = await rasaDecision(String(socket.handshake.auth.token ?? ''), options.key, options.method ?? 'HS256', Date.now());
    next(decision.accepted ? undefined : new Error('Connection rejected by server'));
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { io.close(); http.close(() => resolve()); }) };
}

/** Runs the pod's container command with its env, Rasa's URL and the ConfigMap's token given here. */
function runPodProgram(pod: K8sObject, env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const container = pod.spec.containers[0];
  const podEnv = Object.fromEntries(container.env.filter((e: K8sObject) => 'value' in e).map((e: K8sObject) => [e.name, e.value]));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, container.command.slice(1), { env: { PATH: process.env.PATH, ...podEnv, WAIT_SECONDS: '20', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (status) => resolve({ status, output }));
  });
}

describeHelm('the helm test pod (templates/tests/socketio-test-pod.yaml)', () => {
  test('is a test hook on the minter image, restricted, with the minter resources, the first widget token and the client label', () => {
    const objects = render();
    const pods = testPods(objects);
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(pod).toMatchObject({
      kind: 'Pod',
      metadata: {
        name: 'bot-rasa-socketio-test',
        namespace: 'chat',
        labels: { 'app.kubernetes.io/component': 'test', 'app.kubernetes.io/instance': 'bot', 'bot-rasa-client': 'true' },
        annotations: { 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': 'before-hook-creation' },
      },
      spec: {
        automountServiceAccountToken: false,
        restartPolicy: 'Never',
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      },
    });
    expect(pod.spec.containers).toHaveLength(1);
    const [container] = pod.spec.containers;
    expect(container.image).toBe('docker.io/library/node:24.21.0-alpine');
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    expect(container.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '16Mi' },
      limits: { memory: '128Mi', 'ephemeral-storage': '64Mi' },
    });
    expect(container.env).toContainEqual({
      name: 'WIDGET_TOKEN', valueFrom: { configMapKeyRef: { name: 'bot-rasa-widgets', key: 'web-chat.token', optional: true } },
    });
    expect(container.env).toContainEqual({ name: 'RASA_URL', value: 'http://bot-rasa:5005' });
    expect(container.command).toEqual(['node', '--input-type=module', '--eval', readFileSync('chart/files/socketio-check.mjs', 'utf8')]);
    // The same image, pull policy and security contexts as the minter Job's pod.
    const minter = objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('bot-rasa-minter-'))!.spec.template.spec;
    expect(container.imagePullPolicy).toBe(minter.containers[0].imagePullPolicy);
    expect(container.securityContext).toEqual(minter.containers[0].securityContext);
    expect(pod.spec.securityContext).toEqual(minter.securityContext);
  });

  test('follows the values: the widget, the Service port, the path and namespace, the minter image and ConfigMap', () => {
    const pod = testPods(render({
      widgets: [{ name: 'shop', url: 'https://bot.example.com' }, { name: 'other' }],
      service: { port: 8080 },
      socketio: { socketioPath: '/chat/socket.io', namespace: '/bot' },
      minter: { configMapName: 'tokens', image: { registry: 'rsj.test', repository: 'node', tag: '24.21.0', pullPolicy: 'Never' } },
    }))[0]!;
    const container = pod.spec.containers[0];
    expect(container.image).toBe('rsj.test/node:24.21.0');
    expect(container.imagePullPolicy).toBe('Never');
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'RASA_URL', value: 'http://bot-rasa:8080' },
      { name: 'SOCKETIO_PATH', value: '/chat/socket.io' },
      { name: 'SOCKETIO_NAMESPACE', value: '/bot' },
      { name: 'WIDGET', value: 'shop' },
      { name: 'WIDGET_TOKEN', valueFrom: { configMapKeyRef: { name: 'tokens', key: 'shop.token', optional: true } } },
    ]));
  });

  test("with networkPolicy.allowExternal false, the Rasa pods' policy lets the test pod in", () => {
    const objects = render({ networkPolicy: { allowExternal: false } });
    const pod = testPods(objects)[0]!;
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'bot-rasa')!;
    const selectors = policy.spec.ingress[0].from.filter((f: K8sObject) => f.podSelector && !f.namespaceSelector).map((f: K8sObject) => f.podSelector.matchLabels);
    expect(selectors).toHaveLength(1);
    expect(pod.metadata.labels).toMatchObject(selectors[0]);
  });

  test('tests.enabled false, or no widget (no token to test with), renders none', () => {
    expect(testPods(render({ tests: { enabled: false } }))).toEqual([]);
    expect(testPods(render({ widgets: [], minter: { enabled: false } }))).toEqual([]);
    expect(testPods(render({ tests: { enabled: true } }))).toHaveLength(1);
  });

  test('a 63-character fullname keeps the pod name and the client label within 63 characters', () => {
    const pod = testPods(render({ fullnameOverride: 'a'.repeat(63) }))[0]!;
    expect(pod.metadata.name).toBe(`${'a'.repeat(48)}-socketio-test`);
    expect(Object.keys(pod.metadata.labels).filter((l) => l.endsWith('-client'))).toEqual([`${'a'.repeat(56)}-client`]);
  });
});

describeHelm("the helm test pod's program against a socket.io server that checks tokens as Rasa does", () => {
  const pod = testPods(render())[0]!;
  const servers: Array<{ close: () => Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function start(options: Parameters<typeof fakeRasa>[0]) {
    const server = await fakeRasa(options);
    servers.push(server);
    return server;
  }

  test('passes when the ConfigMap token connects and the same claims signed by another key are refused', async () => {
    const rasa = await start({ key: KEY });
    const result = await runPodProgram(pod, { RASA_URL: rasa.url, WIDGET_TOKEN: await token(KEY) });
    expect(result.output).toContain("ok: widget web-chat's token (ConfigMap bot-rasa-widgets, key web-chat.token) was connected");
    expect(result.output).toContain('ok: a token signed with another key was refused: Connection rejected by server');
    expect(result.status).toBe(0);
  }, 30_000);

  test('fails when the ConfigMap token is signed with another key, and never prints the token', async () => {
    const rasa = await start({ key: KEY });
    const wrong = await token(OTHER_KEY);
    const result = await runPodProgram(pod, { RASA_URL: rasa.url, WIDGET_TOKEN: wrong });
    expect(result.output).toContain("FAILED: widget web-chat's token (ConfigMap bot-rasa-widgets, key web-chat.token) was not connected: refused: Connection rejected by server");
    expect(result.output).not.toContain(wrong.split('.')[2]);
    expect(result.status).toBe(1);
  }, 30_000);

  test('fails when any token is admitted (jwt_key unset)', async () => {
    const rasa = await start({});
    const result = await runPodProgram(pod, { RASA_URL: rasa.url, WIDGET_TOKEN: await token(KEY) });
    expect(result.output).toContain('FAILED: a token signed with another key was not refused: connected');
    expect(result.status).toBe(1);
  }, 30_000);

  test('fails, saying where the token should be, when the ConfigMap has none', async () => {
    const rasa = await start({ key: KEY });
    const result = await runPodProgram(pod, { RASA_URL: rasa.url });
    expect(result.output).toContain("FAILED: no widget web-chat's token (ConfigMap bot-rasa-widgets, key web-chat.token)");
    expect(result.status).toBe(1);
  }, 30_000);

  test('signs the forged token with the method of the real one, and speaks a socketio_path and namespace', async () => {
    const rasa = await start({ key: KEY_512, method: 'HS512', path: '/chat/socket.io', namespace: '/bot' });
    const result = await runPodProgram(pod, {
      RASA_URL: rasa.url, SOCKETIO_PATH: '/chat/socket.io', SOCKETIO_NAMESPACE: '/bot', WIDGET_TOKEN: await token(KEY_512, { sender_id: 'x' }, 'HS512'),
    });
    expect(result.output).toContain('refused: Connection rejected by server');
    expect(result.status).toBe(0);
  }, 30_000);

  test('waits for Rasa to answer, saying so, then checks', async () => {
    const free = await start({});
    const port = Number(new URL(free.url).port);
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const run = runPodProgram(pod, { RASA_URL: `http://127.0.0.1:${port}`, WIDGET_TOKEN: await token(KEY) });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await start({ key: KEY, port });
    const result = await run;
    expect(result.output).toContain(`waiting for Rasa at ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    expect(result.status).toBe(0);
  }, 40_000);
});
