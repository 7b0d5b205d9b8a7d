import { rasaDecision, signingKey, signToken } from '../../src/minter/index.js';

const KEY = signingKey('0123456789abcdef0123456789abcdef', 'test key');
const OTHER = signingKey('fedcba9876543210fedcba9876543210', 'test key');
const NOW = Date.UTC(2026, 0, 1);
const NOW_S = NOW / 1000;

const decide = (token: string, key = KEY, method: 'HS256' | 'HS384' | 'HS512' = 'HS256') => rasaDecision(token, key, method, NOW);
const sign = (payload: Record<string, unknown>, method: 'HS256' | 'HS384' | 'HS512' = 'HS256', key = KEY) => signToken(payload, key, method);

describe('rasaDecision follows Rasa: PyJWT decode, then a truthy payload', () => {
  test('accepts the default widget token, with or without a "Bearer " prefix', async () => {
    const token = await sign({ sender_id: 'rasa-chat-widget' });
    expect(await decide(token)).toEqual({ accepted: true, payload: { sender_id: 'rasa-chat-widget' } });
    expect(await decide(`Bearer ${token}`)).toEqual({ accepted: true, payload: { sender_id: 'rasa-chat-widget' } });
    // Rasa removes "Bearer " wherever it stands (str.replace), and only with that case.
    expect(await decide(`Bearer Bearer ${token}`)).toMatchObject({ accepted: true });
    expect(await decide(`bearer ${token}`)).toMatchObject({ accepted: false });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an empty payload', {}, 'the payload is empty, which Rasa reads as no token'],
    ['an aud claim', { sender_id: 'x', aud: 'web' }, 'the token has an aud claim, and Rasa verifies without an audience'],
    ['a numeric sub', { sub: 1 }, 'the sub claim is not a string'],
    ['a numeric jti', { sender_id: 'x', jti: 1 }, 'the jti claim is not a string'],
    ['an expired token', { sender_id: 'x', exp: NOW_S - 1 }, 'the token expired at 2025-12-31T23:59:59.000Z'],
    ['a token expiring this second (no leeway)', { sender_id: 'x', exp: NOW_S }, 'the token expired at 2026-01-01T00:00:00.000Z'],
    ['a future iat', { sender_id: 'x', iat: NOW_S + 60 }, 'the iat claim (2026-01-01T00:01:00.000Z) is in the future'],
    ['a future nbf', { sender_id: 'x', nbf: NOW_S + 60 }, 'the token is not valid before 2026-01-01T00:01:00.000Z (nbf)'],
    ['a non-numeric exp', { sender_id: 'x', exp: 'soon' }, 'the exp claim is not an integer'],
  ])('refuses %s', async (_, payload, reason) => {
    expect(await decide(await sign(payload))).toEqual({ accepted: false, reason });
  });

  test.each<[string, Record<string, unknown>]>([
    ['a future exp', { sender_id: 'x', exp: NOW_S + 1 }],
    ['a past iat and nbf', { sender_id: 'x', iat: NOW_S - 60, nbf: NOW_S - 60 }],
    ['an exp as a numeric string, which Python int() reads', { sender_id: 'x', exp: String(NOW_S + 60) }],
    ['extra claims', { sender_id: 'x', role: 'guest', n: [1, 2] }],
  ])('accepts %s', async (_, payload) => {
    expect(await decide(await sign(payload))).toMatchObject({ accepted: true });
  });

  test('refuses another key, another algorithm, alg none and garbage', async () => {
    const good = await sign({ sender_id: 'x' });
    expect(await decide(good, OTHER)).toEqual({ accepted: false, reason: 'the signature does not match the key' });
    expect(await decide(await sign({ sender_id: 'x' }, 'HS512'))).toEqual({
      accepted: false, reason: "the token is not signed with HS256, the channel's jwt_method",
    });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${good.split('.')[1]}.`;
    expect(await decide(none)).toMatchObject({ accepted: false });
    for (const garbage of ['', 'abc', 'a.b.c', `${good}x`]) expect(await decide(garbage)).toMatchObject({ accepted: false });
  });
});
