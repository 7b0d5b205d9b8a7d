// What a Rasa web chat widget does on the wire, with socket.io-client 4: connect with the token in
// the handshake's `auth`, ask for a session, send a message, read the bot's reply. Shared by the
// compatibility tests (Rasa's channel on this machine) and the e2e tests (Rasa in a pod).
import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export type ClientOptions = Partial<ManagerOptions & SocketOptions>;

export const EVENT_TIMEOUT_MS = 10_000;

/** The socket once connected; rejects with the connect_error Rasa's refusal gives. */
export function connect(url: string, options: ClientOptions): Promise<Socket> {
  // A refused token stays refused: no reconnection, so that the first answer is the last.
  const socket = io(url, { ...options, reconnection: false, timeout: EVENT_TIMEOUT_MS, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function nextEvent(socket: Socket, event: string, timeoutMs = EVENT_TIMEOUT_MS): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (data: unknown) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** session_request (answered by session_confirm with the same id), then one user_uttered. */
export async function sendInSession(socket: Socket, message: string, sessionId = randomUUID().replaceAll('-', '')): Promise<string> {
  const confirmed = nextEvent(socket, 'session_confirm');
  socket.emit('session_request', { session_id: sessionId });
  const confirmedId = await confirmed;
  if (confirmedId !== sessionId) throw new Error(`session_confirm answered ${JSON.stringify(confirmedId)}, not ${sessionId}`);
  socket.emit('user_uttered', { message, session_id: sessionId });
  return sessionId;
}

/**
 * Connects with `token`, sends `message` in a new session and resolves with the text of the first
 * bot_uttered. A trained bot can take a while for its first answer (it loads its pipeline lazily).
 */
export async function chatOnce(url: string, token: string, message: string, options: ClientOptions = {}, replyTimeoutMs = 60_000): Promise<string> {
  const socket = await connect(url, { ...options, auth: { token } });
  try {
    const reply = nextEvent(socket, 'bot_uttered', replyTimeoutMs);
    await sendInSession(socket, message);
    return ((await reply) as { text?: string }).text ?? JSON.stringify(await reply);
  } finally {
    socket.close();
  }
}
