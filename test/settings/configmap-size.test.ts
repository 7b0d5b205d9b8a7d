import { CONFIGMAP_LIMIT_BYTES as MINTER_LIMIT, mintWidgets, parseMinterInput, signingKey } from '../../src/minter/index.js';
import { goJson, minterInput } from '../../src/plan/index.js';
import { CONFIGMAP_LIMIT_BYTES, widgetsConfigMapSize } from '../../src/settings/configmap-size.js';
import { defaultValues, mergeValues, resolveSettings, type Settings } from '../../src/settings/index.js';
import { ruleProblems } from '../../src/settings/rules.js';

const NOW = Date.UTC(2026, 10, 29);
const KEY = 'k'.repeat(64);

/** The settings as given, without the rules (which would refuse the sets over the limit). */
const settingsOf = (values: object): Settings => mergeValues(defaultValues(), values as never) as Settings;

/** What the minter Job writes for these settings: minter.json as the plan renders it, signed. */
async function mintedBytes(s: Settings, widgets = s.widgets): Promise<number> {
  const input = parseMinterInput(JSON.parse(goJson(minterInput({ ...s, widgets }, 'bot', 'bot-rasa-widgets'))));
  return (await mintWidgets(input, signingKey(KEY, 'test key', input.method), NOW)).bytes;
}

const many = <T>(n: number, widget: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => widget(i));

const UNICODE = 'Grüße, 世界 😀 e\u0301 \u2028\u2029 tab\t bell\u0007 "quoted" back\\slash <b>&amp;</b>';

describe('the widgets ConfigMap size, estimated before signing', () => {
  test.each<[string, object]>([
    ['one widget with the defaults', { widgets: [{ name: 'w' }] }],
    ['short and long names', { widgets: [{ name: 'a' }, { name: 'x'.repeat(63) }, { name: '0-9' }] }],
    ['long URLs, and URLs the snippets escape', {
      widgets: [
        { name: 'long', url: `https://${'h'.repeat(3000)}.example.com` },
        { name: 'escaped', url: 'https://a&b"c<d>e\'f.example.com:8443' },
        { name: 'idn', url: 'http://bücher.例え.jp' },
      ],
    }],
    ['many claims of every kind', {
      widgets: many(3, (w) => ({
        name: `w${w}`,
        claims: Object.fromEntries(many(300, (i) => [`claim_${i}`, [`v${i}`, i, -i / 7, i % 2 === 0, null, { n: [i, 'x'] }][i % 6]] as const)),
      })),
    }],
    ['unicode and control characters in claims', {
      widgets: [{ name: 'u', claims: { sender_id: UNICODE, [UNICODE]: [UNICODE, { [UNICODE]: UNICODE }] } }],
    }],
    ['numbers as Helm reads them', {
      widgets: [{ name: 'n', claims: { sender_id: 's', small: 1.5e-7, big: 12345678901234567890, huge: 1e21, neg: -42, f: 0.1, zero: 0 } }],
    }],
    ['expiresIn none and set', {
      widgets: [{ name: 'none' }, { name: 'empty', expiresIn: '' }, { name: 'second', expiresIn: '1s' }, { name: 'month', expiresIn: '30d' }, { name: 'decade', expiresIn: '3650d' }],
    }],
    ['initial payloads the snippets escape', {
      widgets: [{ name: 'p', initialPayload: '/greet' }, { name: 'q', initialPayload: `/greet{"a":"<b>&"} ${UNICODE}` }],
    }],
    ['HS384', { socketio: { jwtMethod: 'HS384' }, widgets: [{ name: 'a' }, { name: 'b', expiresIn: '2w', claims: { sender_id: 'x'.repeat(1001) } }] }],
    ['HS512', { socketio: { jwtMethod: 'HS512' }, widgets: [{ name: 'a' }, { name: 'b', expiresIn: '2w', claims: { sender_id: 'x'.repeat(1002) } }] }],
    ['the Ingress origin as the default URL', { ingress: { enabled: true, host: 'bot.example.com', tlsSecretName: 'tls' }, widgets: [{ name: 'a' }] }],
    ['nine hundred widgets of mixed kinds', {
      widgets: many(900, (i) => ({
        name: `widget-${i}`,
        ...(i % 3 === 0 ? { expiresIn: `${i + 1}h` } : {}),
        ...(i % 5 === 0 ? { claims: { sender_id: `user-${i}`, roles: ['a', 'b'] } } : {}),
        ...(i % 7 === 0 ? { initialPayload: '/hi' } : {}),
      })),
    }],
  ])('%s: never below what the minter writes, and close to it (today exactly it)', async (_, values) => {
    // Without the rules: they refuse U+2028 and U+2029, which the estimate still counts right.
    const s = settingsOf(values);
    const real = await mintedBytes(s);
    const { bytes, fitting } = widgetsConfigMapSize(s);
    expect(bytes).toBeGreaterThanOrEqual(real);
    expect(bytes).toBeLessThanOrEqual(real * 1.05 + 64);
    // The bound is the promise; today the estimate is exact.
    expect(bytes).toBe(real);
    expect(fitting).toBe(s.widgets.length);
  });

  test('counts the widgets that fit, from the first: the minter writes them, and refuses one more', async () => {
    const s = settingsOf({ widgets: many(1300, (i) => ({ name: `widget-${i}`, url: 'https://bot.example.com' })) });
    const { bytes, fitting } = widgetsConfigMapSize(s);
    expect(bytes).toBeGreaterThan(CONFIGMAP_LIMIT_BYTES);
    expect(fitting).toBe(1014);
    expect(await mintedBytes(s, s.widgets.slice(0, fitting))).toBeLessThanOrEqual(CONFIGMAP_LIMIT_BYTES);
    await expect(mintedBytes(s, s.widgets.slice(0, fitting + 1))).rejects.toMatchObject({ code: 'ERR_MINT_TOO_LARGE' });
  });

  test('refuses widgets that would not fit, with how many do, naming no key and no token', () => {
    const widgets = many(2000, (i) => ({ name: `widget-${i}` }));
    expect(ruleProblems(settingsOf({ widgets }))).toEqual([
      "'widgets' would make the minter's ConfigMap about 2059637 bytes, over the 1 MiB a ConfigMap holds: " +
      'the first 1020 of the 2000 widgets fit; spread them over several releases (each with its own minter.configMapName) or drop some',
    ]);
    const literal = 'L'.repeat(32);
    const [problem] = ruleProblems(settingsOf({ minter: { configMapName: 'chat-widgets' }, socketio: { jwtKey: { literal } }, widgets }));
    expect(problem).toMatch(/^'widgets' would make ConfigMap chat-widgets about 2059637 bytes, .* the first 1020 of the 2000 widgets fit;/);
    expect(problem).not.toContain(literal);
    expect(problem).not.toContain('eyJ');
    expect(ruleProblems(settingsOf({ widgets: widgets.slice(0, 1020) }))).toEqual([]);
  });

  test('is one of the rules', () => {
    expect(() => resolveSettings({ widgets: many(1021, (i) => ({ name: `widget-${i}` })) }))
      .toThrow("'widgets' would make the minter's ConfigMap about 1049309 bytes, over the 1 MiB a ConfigMap holds: the first 1020 of the 1021 widgets fit");
  });

  test('the limit is the minter\'s', () => {
    expect(CONFIGMAP_LIMIT_BYTES).toBe(MINTER_LIMIT);
  });
});
