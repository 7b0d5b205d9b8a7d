import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, rasaContainer, type K8sObject } from '../support/render.js';
import { compatDir, toolFromEnv } from './support.js';

const rasaPython = toolFromEnv('RSJ_RASA_PYTHON', 'the Python that has rasa-pro installed');
const describeRasa = rasaPython ? describe : describe.skip;

/**
 * Hands Rasa the Deployment's arguments and the ConfigMap's files, as the pod would (the
 * ConfigMap mounted, the env holding what secretKeyRef feeds), and returns what Rasa makes of them.
 */
function whatRasaReads(objects: K8sObject[], env: Record<string, string>, edit: (credentials: string) => string = (c) => c) {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-rasa-config-'));
  const files = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-config'))!.data;
  writeFileSync(join(dir, 'credentials.yml'), edit(files['credentials.yml']));
  writeFileSync(join(dir, 'endpoints.yml'), files['endpoints.yml']);
  const args = (rasaContainer(objects).args as string[]).map((a) => a.replace('/etc/rasa', dir));
  const result = spawnSync(rasaPython!, ['rasa_config_check.py'], {
    cwd: compatDir, encoding: 'utf8', timeout: 120_000,
    input: JSON.stringify({ args, credentials: join(dir, 'credentials.yml'), endpoints: join(dir, 'endpoints.yml') }),
    env: { PATH: process.env.PATH, ...env },
  });
  if (result.status !== 0) throw new Error(`Rasa refused: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

describeRasa("Rasa's own readers on what the constructs render (rasa-pro)", () => {
  const values = {
    channels: { rest: {}, callback: { url: '${CALLBACK_URL}' } },
    socketio: { userMessageEvt: 'user_says', botMessageEvt: 'bot_says', namespace: '/chat', jwtMethod: 'HS512' as const },
    rasa: {
      cors: ['https://www.example.com'],
      api: { enabled: true, tokenSecretName: 'rasa-api' },
      model: { serverUrl: 'https://models.example.com/bot.tar.gz' },
      replicaCount: 2,
      endpoints: {
        tracker_store: { type: 'redis', url: 'redis', password: '${REDIS_PASSWORD}' },
        lock_store: { type: 'redis', url: 'redis', password: '${REDIS_PASSWORD}' },
      },
    },
  };
  const env = { RASA_SOCKETIO_JWT_KEY: 'key-from-the-secret', CALLBACK_URL: 'http://callback', REDIS_PASSWORD: 'pw' };

  test('takes the arguments, and the socketio key from the env var the Secret feeds', () => {
    const read = whatRasaReads(render({ values }), env);
    expect(read.args).toEqual({
      command: 'run', port: 5005, credentials: expect.stringMatching(/credentials\.yml$/), endpoints: expect.stringMatching(/endpoints\.yml$/),
      model: 'models', enable_api: true, auth_token: '$(RASA_API_AUTH_TOKEN)', cors: ['https://www.example.com'],
    });
    expect(read.channels).toEqual(['callback', 'rest', 'socketio']);
    expect(read.socketio).toEqual({
      jwt_key: 'key-from-the-secret', jwt_algorithm: 'HS512', socketio_path: '/socket.io', namespace: '/chat',
      session_persistence: true, user_message_evt: 'user_says', bot_message_evt: 'bot_says',
    });
    expect(read.endpoints).toEqual({
      models: { url: 'https://models.example.com/bot.tar.gz', type: null, wait_time_between_pulls: 100, has_password: false },
      tracker_store: { url: 'redis', type: 'redis', has_password: true },
      lock_store: { url: 'redis', type: 'redis', has_password: true },
    });
  });

  test('the same file with the ${VAR} quoted would hand Rasa the literal text as its key', () => {
    const quoted = whatRasaReads(render(), env, (c) => c.replace('jwt_key: ${RASA_SOCKETIO_JWT_KEY}', 'jwt_key: "${RASA_SOCKETIO_JWT_KEY}"'));
    expect(quoted.socketio.jwt_key).toBe('${RASA_SOCKETIO_JWT_KEY}');
    expect(whatRasaReads(render(), env).socketio.jwt_key).toBe('key-from-the-secret');
  });
});
