// The chart's `helm test`: connects to Rasa's socketio channel as a widget does, first with the
// widget's token that the minter wrote into its ConfigMap (it must be connected), then with the
// same header and claims signed by a random key (it must be refused). Run by the test pod
// (templates/tests/socketio-test-pod.yaml) as `node --input-type=module --eval <this file>` on the
// minter's Node image, with node's own modules only: Node's WebSocket speaks the socket.io wire
// protocol (Engine.IO 4) directly. Rasa reads the token only from the connect packet's auth
// object {token}. It never prints a token.
//
// Environment: RASA_URL (http://<service>:<port>), SOCKETIO_PATH, SOCKETIO_NAMESPACE ("" for the
// default), WIDGET, CONFIGMAP (for the messages), WIDGET_TOKEN (from the ConfigMap; empty when the
// key is missing), WAIT_SECONDS (how long Rasa may take to answer at all).
import { createHmac, randomBytes } from 'node:crypto';

const env = process.env;
const waitSeconds = Number(env.WAIT_SECONDS || '120');
const namespace = env.SOCKETIO_NAMESPACE && env.SOCKETIO_NAMESPACE !== '/' ? env.SOCKETIO_NAMESPACE : '';
const path = `/${(env.SOCKETIO_PATH || '/socket.io').replace(/^\/+|\/+$/g, '')}/`;
const url = `${env.RASA_URL.replace(/^http/, 'ws').replace(/\/+$/, '')}${path}?EIO=4&transport=websocket`;
const where = `widget ${env.WIDGET}'s token (ConfigMap ${env.CONFIGMAP}, key ${env.WIDGET}.token)`;

/** The outcome of one socket.io connect: connected, refused (with Rasa's message) or unreachable. */
function connect(token) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const prefix = namespace ? `${namespace},` : '';
    const done = (outcome) => {
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ state: 'unreachable', detail: 'no answer in 15s' }), 15_000);
    socket.addEventListener('message', ({ data }) => {
      const packet = String(data);
      if (packet.startsWith('0')) socket.send(`40${prefix}${JSON.stringify({ token })}`);
      else if (packet === '2') socket.send('3');
      else if (packet.startsWith(`40${prefix}`)) done({ state: 'connected' });
      else if (packet.startsWith(`44${prefix}`)) done({ state: 'refused', detail: refusal(packet.slice(2 + prefix.length)) });
    });
    socket.addEventListener('error', (event) => done({ state: 'unreachable', detail: event.message || 'connection failed' }));
    socket.addEventListener('close', () => done({ state: 'unreachable', detail: 'closed before the socket.io handshake' }));
  });
}

function refusal(json) {
  try {
    return JSON.parse(json).message ?? json;
  } catch {
    return json;
  }
}

/** The token's own header and claims, signed with 32 random bytes instead of the key. */
function signedWithAnotherKey(token) {
  const [header, payload] = token.split('.');
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  if (!hash) throw new Error(`the token's alg ${alg} is not an HMAC method`);
  const signature = createHmac(hash, randomBytes(32)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Connects until Rasa answers the handshake (it may still be starting), for at most WAIT_SECONDS. */
async function connectWhenUp(token) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const outcome = await connect(token);
    if (outcome.state !== 'unreachable') return outcome;
    if (Date.now() > deadline) return outcome;
    console.log(`waiting for Rasa at ${url}: ${outcome.detail}`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

async function main() {
  const token = env.WIDGET_TOKEN ?? '';
  if (token.split('.').length !== 3) {
    console.log(`FAILED: no ${where}. The minter Job writes it while Rasa starts: run helm test once it is complete (helm install --wait waits for it), or write it with rasa-socketio-jwt mint --to-configmap`);
    return 1;
  }
  console.log(`connecting to ${url}${namespace ? ` (namespace ${namespace})` : ''} with ${where}`);
  const minted = await connectWhenUp(token);
  if (minted.state !== 'connected') {
    console.log(`FAILED: ${where} was not connected: ${minted.state}: ${minted.detail}. Check it against the key in the Secret with rasa-socketio-jwt verify`);
    return 1;
  }
  console.log(`ok: ${where} was connected`);
  const forged = await connectWhenUp(signedWithAnotherKey(token));
  if (forged.state !== 'refused') {
    console.log(`FAILED: a token signed with another key was not refused: ${forged.state}${forged.detail ? `: ${forged.detail}` : ''}. Is jwt_key set in credentials.yml?`);
    return 1;
  }
  console.log(`ok: a token signed with another key was refused: ${forged.detail}`);
  return 0;
}

process.exitCode = await main();
