import { MintError, mintToken, signToken, signingKey, checkMethod } from '../../src/minter/index.js';

const KEY = signingKey('0123456789abcdef0123456789abcdef', 'test key');
const NOW = Date.UTC(2026, 0, 1); // 1767225600 s

describe('signToken', () => {
  test('reproduces the token jwt.io gave the blog post this project replaces', async () => {
    // Key "testing" (too short for mintToken, but a fixed vector for the bare signature).
    const token = await signToken({ sender_id: 'rasa-chat-widget' }, new TextEncoder().encode('testing'), 'HS256');
    expect(token).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZW5kZXJfaWQiOiJyYXNhLWNoYXQtd2lkZ2V0In0.DmbUTmvTQAXZGmAsiKWbzhuxRk3IfSecWDZ2brSKakE',
    );
  });
});

describe('mintToken', () => {
  const mint = (over: Partial<Parameters<typeof mintToken>[0]> = {}) => mintToken({
    key: KEY, method: 'HS256', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', now: NOW, where: 'widgets[0]', ...over,
  });

  // Expected tokens were computed independently with Python's hmac and base64 modules.
  test('signs the default widget payload with no iat, nbf or exp', async () => {
    expect(await mint()).toEqual({
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZW5kZXJfaWQiOiJyYXNhLWNoYXQtd2lkZ2V0In0.wjgc5C0rHFXBW6egDj2JI0CDnVxy5fyQXwfDALv2Nzc',
      expiresAt: null,
    });
  });

  test('sets exp from expiresIn against the given clock', async () => {
    const { token, expiresAt } = await mint({ expiresIn: '30d' });
    expect(expiresAt).toBe(1767225600 + 30 * 86400);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toEqual({
      sender_id: 'rasa-chat-widget', exp: 1769817600,
    });
    expect(token).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZW5kZXJfaWQiOiJyYXNhLWNoYXQtd2lkZ2V0IiwiZXhwIjoxNzY5ODE3NjAwfQ.DnY5UKvDjBvPlOil4fzt3GZ6uwUJxRwORYiysh9qw5g',
    );
  });

  test('signs with the channel method', async () => {
    const { token } = await mint({ method: 'HS512' });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS512', typ: 'JWT' });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an empty payload', {}, "'widgets[0].claims' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id"],
    ['an aud claim', { sender_id: 'x', aud: 'web' }, "'widgets[0].claims.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one"],
    ['a numeric sub', { sub: 42 }, "'widgets[0].claims.sub' must be a string (got 42): PyJWT 2.10 and later refuse any other"],
    ['an iat', { sender_id: 'x', iat: 1 }, "'widgets[0].claims.iat' is not allowed: the minter leaves iat out, since a value ahead of Rasa's clock makes Rasa refuse the token"],
    ['an nbf', { sender_id: 'x', nbf: 1 }, "'widgets[0].claims.nbf' is not allowed: the minter leaves nbf out, since a value ahead of Rasa's clock makes Rasa refuse the token"],
    ['an exp', { sender_id: 'x', exp: 1 }, "'widgets[0].claims.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp"],
  ])('refuses %s, naming the widget and the rule', async (_, claims, message) => {
    const failure = mint({ claims });
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ code: 'ERR_MINT_CLAIMS', name: 'MintError' });
  });

  test('refuses a lifetime it cannot read', async () => {
    await expect(mint({ expiresIn: '1 month' })).rejects.toThrow(
      "'widgets[0].expiresIn' (1 month) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)",
    );
  });
});

describe('signingKey and checkMethod', () => {
  test.each<[string | undefined, string]>([
    [undefined, 'no key: env RASA_SOCKETIO_JWT_KEY is not set; it must hold the socketio jwt_key'],
    ['', 'the key in env RASA_SOCKETIO_JWT_KEY is empty: Rasa would run with auth off; set a key of at least 32 bytes'],
    ['k'.repeat(31), 'the key in env RASA_SOCKETIO_JWT_KEY is 31 bytes: HS256 needs at least 32 (e.g. openssl rand -hex 32, 64 bytes)'],
  ])('refuses the key %p', (key, message) => {
    expect(() => signingKey(key, 'env RASA_SOCKETIO_JWT_KEY')).toThrow(new MintError('ERR_MINT_KEY', message));
  });

  test('takes a key as long as the hash: 32 bytes for HS256, 48 for HS384, 64 for HS512', () => {
    expect(signingKey('k'.repeat(32), 'x')).toHaveLength(32);
    expect(signingKey('k'.repeat(48), 'x', 'HS384')).toHaveLength(48);
    expect(() => signingKey('k'.repeat(47), 'x', 'HS384')).toThrow('the key in x is 47 bytes: HS384 needs at least 48');
    expect(() => signingKey('k'.repeat(63), 'x', 'HS512')).toThrow('the key in x is 63 bytes: HS512 needs at least 64');
  });

  test('takes only the HMAC methods a channel can have', () => {
    expect(checkMethod('HS384', '--method')).toBe('HS384');
    expect(() => checkMethod('RS256', '--method')).toThrow(
      "'--method' (RS256) is not supported: use HS256, HS384, HS512, the same as the channel's jwt_method",
    );
  });
});
