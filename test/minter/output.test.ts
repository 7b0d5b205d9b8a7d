import {
  CONFIGMAP_LIMIT_BYTES, checkConfigMapSize, keyFingerprint, legacySnippet, mintWidgets, parseMinterInput,
  parseWidgetsIndex, signingKey, webComponentSnippet, widgetsConfigMapData,
} from '../../src/minter/index.js';

const KEY = signingKey('0123456789abcdef0123456789abcdef', 'test key');
const NOW = Date.UTC(2026, 0, 1);
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZW5kZXJfaWQiOiJyYXNhLWNoYXQtd2lkZ2V0In0.wjgc5C0rHFXBW6egDj2JI0CDnVxy5fyQXwfDALv2Nzc';

describe('snippets', () => {
  test('the legacy Rasa Chat Widget snippet, as the blog post pasted it by hand', () => {
    expect(legacySnippet({ url: 'https://bot.example.com', token: TOKEN, initialPayload: '' })).toBe(
      `<div id="rasa-chat-widget" data-websocket-url="https://bot.example.com" data-token="${TOKEN}"></div>\n` +
      '<script src="https://unpkg.com/@rasahq/rasa-chat" type="application/javascript"></script>\n',
    );
  });

  test('the <rasa-chatbot-widget> snippet, with an initial payload', () => {
    expect(webComponentSnippet({ url: 'https://bot.example.com', token: TOKEN, initialPayload: '/greet' })).toBe(
      `<rasa-chatbot-widget server-url="https://bot.example.com" authentication-token="${TOKEN}" initial-payload="/greet"></rasa-chatbot-widget>\n` +
      '<script type="module" src="https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.esm.js"></script>\n' +
      '<link rel="stylesheet" href="https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.css">\n',
    );
  });

  test('escapes attribute values', () => {
    expect(legacySnippet({ url: 'https://x', token: 't', initialPayload: '/greet{"a":"<b>&"}' }))
      .toContain('data-initial-payload="/greet{&quot;a&quot;:&quot;&lt;b&gt;&amp;&quot;}"');
  });
});

describe('the widgets ConfigMap', () => {
  const input = parseMinterInput({
    configMap: 'rasa-widgets', labels: { a: 'b' }, keyEnv: 'K', method: 'HS256',
    widgets: [
      { name: 'web-chat', url: 'https://bot.example.com', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', initialPayload: '' },
      { name: 'support', url: 'https://bot.example.com', claims: { sender_id: 'support' }, expiresIn: '30d', initialPayload: '/help' },
    ],
  });

  test('holds per widget its token and both snippets, the expiry of one that expires, plus an index without secrets', async () => {
    const { data, keyFingerprint: fingerprint } = await mintWidgets(input, KEY, NOW);
    expect(Object.keys(data).sort()).toEqual([
      'index.json', 'support.expires-at', 'support.legacy.html', 'support.token', 'support.web-component.html',
      'web-chat.legacy.html', 'web-chat.token', 'web-chat.web-component.html',
    ]);
    expect(data['support.expires-at']).toBe('2026-01-31T00:00:00Z');
    expect(data['web-chat.token']).toBe(TOKEN);
    expect(data['web-chat.legacy.html']).toContain(`data-token="${TOKEN}"`);
    expect(JSON.parse(data['index.json']!)).toEqual({
      method: 'HS256',
      keyFingerprint: fingerprint,
      widgets: [
        { name: 'web-chat', url: 'https://bot.example.com', expiresAt: null },
        { name: 'support', url: 'https://bot.example.com', expiresAt: '2026-01-31T00:00:00.000Z' },
      ],
    });
  });

  test('minting again gives the same bytes (a second run changes nothing)', async () => {
    expect((await mintWidgets(input, KEY, NOW)).data).toEqual((await mintWidgets(input, KEY, NOW)).data);
  });

  test('the fingerprint names the key without revealing it', () => {
    const fingerprint = keyFingerprint(KEY);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint).not.toBe(keyFingerprint(signingKey('1123456789abcdef0123456789abcdef', 'x')));
    expect(JSON.stringify(widgetsConfigMapData([], { method: 'HS256', keyFingerprint: fingerprint }))).not.toContain('0123456789abcdef');
  });

  test('refuses data over the 1 MiB ConfigMap limit before writing', () => {
    const exactly = { k: 'x'.repeat(CONFIGMAP_LIMIT_BYTES - 1) };
    expect(checkConfigMapSize(exactly, 'w')).toBe(CONFIGMAP_LIMIT_BYTES);
    // Bytes as the API server counts them, UTF-8, not characters: 'é' is two, '€' three.
    expect(checkConfigMapSize({ 'é': '€'.repeat(10) }, 'w')).toBe(32);
    expect(() => checkConfigMapSize({ k: 'é'.repeat(CONFIGMAP_LIMIT_BYTES / 2) }, 'w')).toThrow('would hold 1048577 bytes');
    expect(() => checkConfigMapSize({ k: 'x'.repeat(CONFIGMAP_LIMIT_BYTES) }, 'rasa-widgets')).toThrow(
      'ConfigMap rasa-widgets would hold 1048577 bytes, over the 1048576-byte limit of a ConfigMap: spread the widgets over several releases (each with its own minter.configMapName), or drop some',
    );
  });
});

describe('parseMinterInput', () => {
  test.each<[string, unknown, string]>([
    ['not an object', [], 'minter input: must be a JSON object'],
    ['no method', { configMap: 'c', keyEnv: 'K', widgets: [] }, "minter input: 'method' must be a non-empty string"],
    ['an RS method', { configMap: 'c', keyEnv: 'K', method: 'RS256', widgets: [] }, "'method' (RS256) is not supported: use HS256, HS384, HS512, the same as the channel's jwt_method"],
    ['widget without url', { configMap: 'c', keyEnv: 'K', method: 'HS256', widgets: [{ name: 'w', claims: { a: 1 }, expiresIn: '', initialPayload: '' }] },
      "minter input: 'widgets[0].url' must be a string"],
    ['widget with aud', { configMap: 'c', keyEnv: 'K', method: 'HS256', widgets: [{ name: 'w', url: 'u', claims: { aud: 'x' }, expiresIn: '', initialPayload: '' }] },
      "'widgets[0].claims.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one"],
    ['a Deployment that is not a name', { configMap: 'c', keyEnv: 'K', method: 'HS256', restartDeployment: 1, widgets: [] },
      "minter input: 'restartDeployment' must be a string"],
  ])('refuses %s', (_, value, message) => {
    expect(() => parseMinterInput(value)).toThrow(message);
  });

  test('reads a minter.json of before restartDeployment as restarting nothing', () => {
    expect(parseMinterInput({ configMap: 'c', keyEnv: 'K', method: 'HS256', widgets: [] }).restartDeployment).toBe('');
  });

  test('reads back the index it writes, and nothing else', () => {
    const data = widgetsConfigMapData([{ name: 'w', url: 'u', token: 't', initialPayload: '', expiresAt: 1_800_000_000 }],
      { method: 'HS256', keyFingerprint: '0123456789abcdef' });
    expect(parseWidgetsIndex(data['index.json'])).toEqual({
      method: 'HS256', keyFingerprint: '0123456789abcdef', widgets: [{ name: 'w', url: 'u', expiresAt: '2027-01-15T08:00:00.000Z' }],
    });
    expect(data['w.expires-at']).toBe('2027-01-15T08:00:00Z');
    expect([undefined, '', '{', 'null', '[]', '{"keyFingerprint":1,"widgets":[]}'].map(parseWidgetsIndex)).toEqual(Array(6).fill(undefined));
  });
});
