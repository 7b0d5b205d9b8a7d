// socket.io-client 4 against Rasa's own socketio channel (rasa-pro, served by rasa_server.py) set
// up as our Deployment sets it up: credentials.yml from the constructs, the key in its env var.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { runCli } from '../../src/cli/run.js';
import { signingKey } from '../../src/minter/key.js';
import { mintToken } from '../../src/minter/token.js';
import { DEFAULT_CLAIMS } from '../../src/settings/claims.js';
import { connect, EVENT_TIMEOUT_MS, nextEvent, sendInSession, type ClientOptions } from '../support/socketio-chat.js';
import { startRasa, tamper, toolFromEnv, writeDefaultCredentials, type ServerProcess } from './support.js';

const rasaPython = toolFromEnv('RSJ_RASA_PYTHON', 'rasa-pro 3.21.0 (test/compat/requirements-rasa-pro.txt)');
const describeRasa = rasaPython ? describe : describe.skip;

const KEY = randomBytes(32).toString('hex');
function mint(claims: Record<string, unknown>, expiresIn = '', now = Date.now()): Promise<string> {
  return mintToken({ key: signingKey(KEY, 'the test key'), method: 'HS256', claims, expiresIn, now, where: 'widgets[0]' })
    .then((minted) => minted.token);
}

describeRasa("socket.io-client 4 against Rasa's own socketio channel (rasa-pro 3.21.0), credentials.yml from our constructs", () => {
  let rasa: ServerProcess;
  let url: string;

  beforeAll(async () => {
    const setup = writeDefaultCredentials();
    // The Deployment sets this variable from the Secret; credentials.yml names it unquoted.
    expect(setup.credentials).toContain(`jwt_key: \${${setup.keyEnv}}\n`);
    rasa = await startRasa(rasaPython!, setup, KEY);
    url = `http://127.0.0.1:${rasa.port}`;
  }, 150_000);

  afterAll(async () => {
    await rasa?.stop();
  });

  /** What the Rasa widgets do once connected: session_request, then one user message. */
  async function chat(socket: Socket, message: string) {
    const reply = nextEvent(socket, 'bot_uttered');
    const sessionId = await sendInSession(socket, message);
    // rasa_server.py prints what Rasa's channel handed to the agent; with session_persistence
    // (our default) the sender is the session, not the socket.
    const received = await rasa.waitForLine((line) => line.startsWith('RECEIVED ') && line.includes(sessionId), EVENT_TIMEOUT_MS);
    expect(JSON.parse(received.slice('RECEIVED '.length))).toEqual({ sender_id: sessionId, text: message, input_channel: 'socketio' });
    // The reply goes back through Rasa's SocketIOOutput to the session's room.
    expect(await reply).toEqual({ text: `echo: ${message}` });
  }

  test.each<[string, () => Promise<string>, ClientOptions]>([
    ['the default widget token, polling then websocket (the widgets\' default transports)', () => mint({ ...DEFAULT_CLAIMS }), {}],
    ['a token with claims and a 1h expiry, websocket only', () => mint({ ...DEFAULT_CLAIMS, role: 'guest' }, '1h'), { transports: ['websocket'] }],
    ['a token from the CLI (mint --key-env), with a "Bearer " prefix', async () => {
      const minted = await runCli(['mint', '--key-env', 'RASA_SOCKETIO_JWT_KEY'], { RASA_SOCKETIO_JWT_KEY: KEY });
      expect(minted.exitCode).toBe(0);
      return `Bearer ${minted.stdout.trim()}`;
    }, { transports: ['websocket'] }],
  ])('%s: session_request is confirmed and user_uttered reaches Rasa', async (_, token, options) => {
    const socket = await connect(url, { ...options, auth: { token: await token() } });
    try {
      await chat(socket, `hello from socket.io-client ${randomUUID().slice(0, 8)}`);
    } finally {
      socket.close();
    }
  });

  test.each<[string, () => Promise<ClientOptions>]>([
    ['no token', async () => ({})],
    ['an empty token', async () => ({ auth: { token: '' } })],
    ['a token signed with another key', async () => ({
      auth: { token: (await mintToken({ key: signingKey('f'.repeat(32), 'another key'), method: 'HS256', claims: { ...DEFAULT_CLAIMS }, expiresIn: '', now: Date.now(), where: 'x' })).token },
    })],
    ['an expired token (minted two hours ago for one hour)', async () => ({ auth: { token: await mint({ ...DEFAULT_CLAIMS }, '1h', Date.now() - 2 * 3600_000) } })],
    ['a tampered token', async () => ({ auth: { token: tamper(await mint({ ...DEFAULT_CLAIMS })) } })],
  ])('%s: the connection is refused', async (_, options) => {
    for (const transports of [['polling', 'websocket'], ['websocket']]) {
      await expect(connect(url, { ...(await options()), transports })).rejects.toThrow('Connection rejected by server');
    }
  });
});
