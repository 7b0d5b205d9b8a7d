// A rolling update of the Rasa pods while widgets are connected, on the real cluster: a
// socket.io-client set up as @rasahq/chat-widget-ui sets it up (token in the handshake's auth,
// a reconnection every 4 s) chats, `helm upgrade` changes a pod annotation, and the test watches
// what the chart's restart settings promise: the new pod is Ready before the old one stops
// (maxUnavailable 0), the old one keeps its sockets through the preStop sleep, then closes them,
// and the widget reconnects through the Service's ready endpoints to the new pod and chats again.
// A widget whose token expired meanwhile gets connect_error on its reconnection, and stays down.
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { mintToken, signingKey } from '../../src/minter/index.js';
import { createNamespace, kubectl } from '../cluster/support.js';
import { nextEvent, sendInSession } from '../support/socketio-chat.js';
import { createKeySecret, deleteNamespace, describeE2E, helm, progress, waitFor, withDiagnostics } from './cluster.js';
import { pods } from './pods.js';
import { readyPods, serviceFront, type ServiceFront } from './service-front.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const KEY = randomBytes(32).toString('hex');
/** What @rasahq/chat-widget-ui gives socket.io-client (its SDK's WebSocketConnection): a fixed 4 s between reconnections. */
const WIDGET_OPTIONS = { reconnectionDelay: 4000, reconnectionDelayMax: 4000 } as const;
/** The chart's default rasa.preStopDelaySeconds. */
const PRE_STOP_SECONDS = 10;
const SELECTOR = 'app.kubernetes.io/instance=bot,app.kubernetes.io/component=server';

const values = (revision: string) => valuesFile({
  ...LOCAL_CLUSTER_VALUES,
  rasa: {
    ...LOCAL_CLUSTER_VALUES.rasa,
    podAnnotations: { 'rsj.test/revision': revision },
    // Frequent probes: each start-up is seen sooner (Rasa takes one to two minutes here).
    startupProbe: { periodSeconds: 2, failureThreshold: 300 },
    readinessProbe: { periodSeconds: 2 },
  },
  // No widgets to mint: the test signs its own tokens with the key it put in the Secret.
  minter: { ...LOCAL_CLUSTER_VALUES.minter, enabled: false },
});

async function token(expiresIn: string): Promise<{ token: string; expiresAt: number | null }> {
  return mintToken({ key: signingKey(KEY, 'the test key'), method: 'HS256', claims: { sender_id: 'rolling' }, expiresIn, now: Date.now(), where: 'test' });
}

/** A socket set up as the widget sets it up, connected, with the times of its events kept. */
async function widgetSocket(name: string, url: string, jwt: string): Promise<{ socket: Socket; events: Array<{ event: string; at: number; detail?: string }> }> {
  const socket = io(url, { ...WIDGET_OPTIONS, auth: { token: jwt }, forceNew: true });
  const events: Array<{ event: string; at: number; detail?: string }> = [];
  const keep = (event: string, detail?: string) => {
    events.push({ event, at: Date.now(), detail });
    progress(`${name} socket: ${event}${detail ? ` (${detail})` : ''}`);
  };
  socket.on('connect', () => keep('connect'));
  socket.on('disconnect', (reason) => keep('disconnect', reason));
  socket.on('connect_error', (error) => keep('connect_error', error.message));
  socket.io.on('reconnect_attempt', (attempt) => keep('reconnect_attempt', String(attempt)));
  await waitFor('the widget socket connected', () => (socket.connected ? true : undefined), 30_000, 100);
  return { socket, events };
}

describeE2E('a rolling update under open chats (the chart\'s restart settings on the real cluster)', () => {
  let namespace: string;
  let front: ServiceFront | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    namespace = await createNamespace('e2e-rolling');
    createKeySecret(namespace, KEY);
  });

  afterAll(() => {
    for (const s of sockets) s.close();
    front?.stop();
    deleteNamespace(namespace);
  });

  test('the widget reconnects to the new pod and chats again; one whose token expired meanwhile is refused', async () => {
    await withDiagnostics(namespace, async () => {
      const started = Date.now();
      expect((await helm(['install', 'bot', 'chart', '-n', namespace, '-f', values('1'), '--wait', '--timeout', '5m'])).status).toBe(0);
      const [oldPod] = readyPods(namespace, 'bot-rasa');
      expect(oldPod).toBeDefined();
      front = await serviceFront(namespace, 'bot-rasa', 5005);

      const chat = await widgetSocket('chat', front.url, (await token('')).token);
      sockets.push(chat.socket);
      const sessionId = randomBytes(16).toString('hex');
      const firstReply = nextEvent(chat.socket, 'bot_uttered', 60_000);
      await sendInSession(chat.socket, 'hello', sessionId);
      expect(await firstReply).toMatchObject({ text: BOT_GREETING });

      // Accepted now; expired by the time the old pod closes its socket (a new pod takes longer to be Ready).
      const shortLived = await token('10s');
      const expiring = await widgetSocket('expiring', front.url, shortLived.token);
      sockets.push(expiring.socket);

      progress('rolling update: a new pod annotation');
      const upgradeAt = Date.now();
      expect((await helm(['upgrade', 'bot', 'chart', '-n', namespace, '-f', values('2')])).status).toBe(0);
      // A deleted pod's deletionTimestamp is when its grace period ends; it was told to stop that much earlier.
      const { deletedAt, deadline } = await waitFor(`the old pod ${oldPod} told to stop`, () => {
        const [at, grace] = kubectl(['get', 'pod', oldPod!, '-n', namespace, '--ignore-not-found', '-o',
          'jsonpath={.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}']).split(' ');
        return at ? { deletedAt: Date.parse(at) - Number(grace) * 1000, deadline: Date.parse(at) } : undefined;
      }, 300_000);
      const gone = waitFor(`the old pod ${oldPod} gone`, () =>
        (kubectl(['get', 'pod', oldPod!, '-n', namespace, '--ignore-not-found', '-o', 'name']) === '' ? Date.now() : undefined), 120_000, 500);
      const newPod = pods(namespace, SELECTOR).find((p) => p.metadata.name !== oldPod && Date.parse(p.metadata.creationTimestamp) >= upgradeAt - 1000);
      expect(newPod).toBeDefined();
      const readyAt = Date.parse(newPod!.status.conditions!.find((c) => c.type === 'Ready' && c.status === 'True')!.lastTransitionTime);
      // maxUnavailable 0: the old pod was told to stop only once its replacement was Ready (times in seconds).
      expect(readyAt).toBeLessThanOrEqual(deletedAt + 1000);

      const reconnectedAt = await waitFor('the widget socket reconnected', () => chat.events.find((e) => e.event === 'connect' && e.at > deletedAt)?.at, 120_000, 200);
      const disconnect = chat.events.find((e) => e.event === 'disconnect')!;
      progress(`old pod deleted at +${((deletedAt - upgradeAt) / 1000).toFixed(1)}s; socket closed ${((disconnect.at - deletedAt) / 1000).toFixed(1)}s later (${disconnect.detail}); reconnected ${((reconnectedAt - disconnect.at) / 1000).toFixed(1)}s after that`);
      // The preStop sleep kept the socket open while the endpoints were withdrawn (deletionTimestamp has whole seconds).
      expect(disconnect.at - deletedAt).toBeGreaterThanOrEqual((PRE_STOP_SECONDS - 1) * 1000);
      // Then Rasa stopped on SIGTERM by itself, well within the grace period (not killed at its end).
      const goneAt = await gone;
      progress(`the old pod was gone ${((goneAt - deletedAt) / 1000).toFixed(1)}s after it was told to stop (grace period ${((deadline - deletedAt) / 1000).toFixed(0)}s)`);
      expect(goneAt).toBeLessThan(deadline);
      expect(front.podsUsed.at(-1)).toBe(newPod!.metadata.name);

      // The widget asks for its session again on reconnection (its SDK's onConnect) and goes on chatting.
      const secondReply = nextEvent(chat.socket, 'bot_uttered', 60_000);
      await sendInSession(chat.socket, 'hello', sessionId);
      expect(await secondReply).toMatchObject({ text: BOT_GREETING });

      // The expired token: refused at the reconnection's handshake, and socket.io-client does not try again.
      expect(deletedAt).toBeGreaterThan(shortLived.expiresAt! * 1000);
      const refused = await waitFor('the expired widget refused on reconnection', () => expiring.events.find((e) => e.event === 'connect_error' && e.at > deletedAt), 120_000, 200);
      expect(refused.detail).toBe('Connection rejected by server');
      await new Promise((resolve) => setTimeout(resolve, 2 * WIDGET_OPTIONS.reconnectionDelay));
      expect({ connected: expiring.socket.connected, active: expiring.socket.active }).toEqual({ connected: false, active: false });
      progress(`rolling update test took ${((Date.now() - started) / 1000).toFixed(0)}s`);
    });
  }, 600_000);
});
