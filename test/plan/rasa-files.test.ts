import { isScalar, parseDocument, Scalar } from 'yaml';
import { configChecksum, credentialsYaml, endpointsYaml } from '../../src/plan/index.js';
import { resolveSettings } from '../../src/settings/index.js';

describe('credentials.yml', () => {
  test('carries the socketio channel with the key named by an UNQUOTED ${ENV}', () => {
    expect(credentialsYaml(resolveSettings())).toBe(
      [
        'socketio:',
        '  bot_message_evt: bot_uttered',
        '  jwt_key: ${RASA_SOCKETIO_JWT_KEY}',
        '  jwt_method: HS256',
        '  session_persistence: true',
        '  socketio_path: /socket.io',
        '  user_message_evt: user_uttered',
        '',
      ].join('\n'),
    );
  });

  test('the jwt_key scalar is plain, which is the only style Rasa expands', () => {
    const doc = parseDocument(credentialsYaml(resolveSettings({ socketio: { jwtKey: { envName: 'BOT_KEY' } } })));
    const node = doc.getIn(['socketio', 'jwt_key'], true);
    expect(isScalar(node) && node.type).toBe(Scalar.PLAIN);
    expect(doc.getIn(['socketio', 'jwt_key'])).toBe('${BOT_KEY}');
  });

  test('follows the settings: method, events, path, namespace, persistence', () => {
    const text = credentialsYaml(resolveSettings({
      socketio: {
        jwtMethod: 'HS512', userMessageEvt: 'say', botMessageEvt: 'hear', socketioPath: '/chat/socket.io',
        namespace: '/bot', sessionPersistence: false,
      },
    }));
    expect(parseDocument(text).toJS()).toEqual({
      socketio: {
        user_message_evt: 'say', bot_message_evt: 'hear', session_persistence: false,
        socketio_path: '/chat/socket.io', namespace: '/bot',
        jwt_key: '${RASA_SOCKETIO_JWT_KEY}', jwt_method: 'HS512',
      },
    });
  });

  test('adds the other channels as given, keeping ${ENV} references plain and YAML 1.1 words quoted', () => {
    const text = credentialsYaml(resolveSettings({
      channels: { rest: {}, slack: { slack_token: '${SLACK_TOKEN}', slack_channel: 'on' } },
    }));
    expect(text).toContain('rest: {}\n');
    expect(text).toContain('  slack_token: ${SLACK_TOKEN}\n');
    expect(text).toContain('  slack_channel: "on"\n');
  });
});

describe('endpoints.yml', () => {
  test('is empty by default', () => {
    expect(endpointsYaml(resolveSettings())).toBe('{}\n');
  });

  const API = { enabled: true, tokenSecretName: 'rasa-api' };

  test('names the model server and keeps the other endpoints', () => {
    const text = endpointsYaml(resolveSettings({
      rasa: {
        api: API,
        model: { serverUrl: 'https://models.example.com/bot.tar.gz', waitTimeBetweenPulls: 30 },
        endpoints: { action_endpoint: { url: 'http://actions:5055/webhook' } },
      },
    }));
    expect(parseDocument(text).toJS()).toEqual({
      action_endpoint: { url: 'http://actions:5055/webhook' },
      models: { url: 'https://models.example.com/bot.tar.gz', wait_time_between_pulls: 30 },
    });
  });

  test("names the model server's token by an UNQUOTED ${ENV}, only with a model server", () => {
    const serverToken = { secretName: 'model-server', secretKey: 'bearer' };
    const text = endpointsYaml(resolveSettings({ rasa: { api: API, model: { serverUrl: 'https://models.example.com/bot.tar.gz', serverToken } } }));
    expect(text).toBe([
      'models:',
      '  token: ${RASA_MODEL_SERVER_TOKEN}',
      '  url: https://models.example.com/bot.tar.gz',
      '  wait_time_between_pulls: 100',
      '',
    ].join('\n'));
    const node = parseDocument(text).getIn(['models', 'token'], true);
    expect(isScalar(node) && node.type).toBe(Scalar.PLAIN);
    expect(endpointsYaml(resolveSettings({ rasa: { model: { serverToken } } }))).toBe('{}\n');
  });
});

test('the checksum changes with any file and does not depend on key order', () => {
  const a = configChecksum({ 'credentials.yml': 'a', 'endpoints.yml': 'b' });
  expect(configChecksum({ 'endpoints.yml': 'b', 'credentials.yml': 'a' })).toBe(a);
  expect(configChecksum({ 'credentials.yml': 'a', 'endpoints.yml': 'c' })).not.toBe(a);
  expect(a).toMatch(/^[0-9a-f]{64}$/);
});
