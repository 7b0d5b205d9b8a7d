// The compatibility matrix: every token below goes through Rasa's own check (rasa_jwt_check.py,
// which mirrors decode_bearer_token) under the newest PyJWT and the oldest one any Rasa 3.x allows,
// and through our minter and verify. Python runs once per PyJWT version with all cases.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { signingKey, type Method } from '../../src/minter/key.js';
import { mintToken, signToken } from '../../src/minter/token.js';
import { rasaDecision } from '../../src/minter/verify.js';
import { DEFAULT_CLAIMS } from '../../src/settings/claims.js';
import { KEY_BYTES_FOR, MIN_KEY_BYTES } from '../../src/settings/rules.js';
import { compatDir, tamper, toolFromEnv } from './support.js';

const NEWEST_PYJWT = '2.15.1';
const OLDEST_PYJWT = '2.0.0';
const newestPython = toolFromEnv('RSJ_PYJWT_NEWEST_PYTHON', `PyJWT ${NEWEST_PYJWT} (test/compat/requirements-newest.txt)`);
const oldestPython = toolFromEnv('RSJ_PYJWT_OLDEST_PYTHON', `PyJWT ${OLDEST_PYJWT} (test/compat/requirements-oldest.txt)`);
const describeMatrix = newestPython && oldestPython ? describe : describe.skip;

/** A key of `length` ASCII bytes; `seed` keeps two keys of the same length apart. */
const keyOf = (length: number, seed = '0123456789abcdef') => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
const KEY = keyOf(32);
const OTHER_KEY = keyOf(32, 'fedcba9876543210');
const bytes = (key: string) => new TextEncoder().encode(key);
const HOUR = 3600;
/** An hour after this file loaded: a time claim that is in the future for the whole run. */
const IN_AN_HOUR_S = Math.floor(Date.now() / 1000) + HOUR;

/** The Rasa channel a token is shown to: jwt_key and jwt_method of credentials.yml. */
interface Channel {
  readonly key: string;
  readonly method: Method;
}
const HS256: Channel = { key: KEY, method: 'HS256' };

/** `now` is the test's clock in ms; tokens that depend on it keep an hour of margin to Rasa's. */
type TokenSource = (now: number) => Promise<string>;

interface MintedCase {
  readonly name: string;
  readonly channel: Channel;
  readonly mint: TokenSource;
  /** PyJWT 2.10+ warns about keys shorter than the hash (RFC 7518 §3.2); none is expected otherwise. */
  readonly newestWarns?: RegExp;
}

type Refusal =
  | { readonly claims: Record<string, unknown> }
  | { readonly key: string; readonly method?: Method };

interface RefusedByMinterCase {
  readonly name: string;
  /** What our minter is asked for and refuses. */
  readonly refusal: Refusal;
  /** The equivalent token, signed without the minter's rules, and the channel it is shown to. */
  readonly channel: Channel;
  readonly token: TokenSource;
  readonly newest: 'accepts' | 'refuses';
  readonly oldest: 'accepts' | 'refuses';
  readonly newestWarns?: RegExp;
}

interface ElsewhereCase {
  readonly name: string;
  readonly channel: Channel;
  readonly token: TokenSource;
  /** Only for tokens Rasa refuses: where PyJWT 2.0.0 still accepts one. */
  readonly oldestAccepts?: true;
}

const mint = (channel: Channel, claims: Record<string, unknown>, expiresIn = '', nowShift = 0): TokenSource =>
  async (now) => (await mintToken({
    key: signingKey(channel.key, 'the test key'), method: channel.method, claims, expiresIn, now: now + nowShift, where: 'widgets[0]',
  })).token;

/** `rasa-socketio-jwt mint`, the way a user runs it, with the key in an env var. */
const cliMint = (channel: Channel, args: readonly string[] = []): TokenSource => async () => {
  const result = await runCli(['mint', '--key-env', 'CHANNEL_KEY', '--method', channel.method, ...args], { CHANNEL_KEY: channel.key });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  // One token and one newline: whitespace in a token makes Rasa refuse it (see the cases below).
  expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  return result.stdout.slice(0, -1);
};

/** Signed with jose but none of the minter's rules. */
const signed = (payload: Record<string, unknown>, key = KEY, method: Method = 'HS256'): TokenSource =>
  () => signToken(payload, bytes(key), method);

/** Signed by hand: any header and payload bytes, e.g. ones jose would not produce. */
const handSigned = (header: string, payload: string, key = KEY, hash = 'sha256'): TokenSource => async () => {
  const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
};

const fixed = (token: string): TokenSource => async () => token;
const widgetToken = mint(HS256, { ...DEFAULT_CLAIMS });

const mintedCases: readonly MintedCase[] = [
  { name: 'the default widget token (mintToken)', channel: HS256, mint: widgetToken },
  { name: 'the default widget token (CLI mint)', channel: HS256, mint: cliMint(HS256) },
  {
    name: 'extra claims, with string sub, jti and iss',
    channel: HS256,
    mint: mint(HS256, { sender_id: 'shop', role: 'guest', tags: ['a', 'b'], profile: { plan: 'free' }, sub: 'user-42', jti: 'id-1', iss: 'shop' }),
  },
  { name: 'an exp an hour ahead (expiresIn 1h)', channel: HS256, mint: mint(HS256, { ...DEFAULT_CLAIMS }, '1h') },
  {
    name: 'HS384 with a 48-byte key, 30 days (CLI mint --claims --expires-in --method)',
    channel: { key: keyOf(48), method: 'HS384' },
    mint: cliMint({ key: keyOf(48), method: 'HS384' }, ['--claims', '{"sender_id":"cli","locale":"de"}', '--expires-in', '30d']),
  },
  { name: 'HS512 with a 64-byte key', channel: { key: keyOf(64), method: 'HS512' }, mint: mint({ key: keyOf(64), method: 'HS512' }, { ...DEFAULT_CLAIMS }) },
  { name: `a key of exactly ${MIN_KEY_BYTES} bytes, the shortest the minter takes`, channel: { key: keyOf(32, 'x'), method: 'HS256' }, mint: mint({ key: keyOf(32, 'x'), method: 'HS256' }, { ...DEFAULT_CLAIMS }) },
  {
    name: 'a "Bearer " prefix, which Rasa removes',
    channel: HS256,
    mint: async (now) => `Bearer ${await widgetToken(now)}`,
  },
];

const inAnHour = (claim: 'iat' | 'nbf'): TokenSource =>
  (now) => signToken({ ...DEFAULT_CLAIMS, [claim]: Math.floor(now / 1000) + HOUR }, bytes(KEY), 'HS256');

const refusedByMinterCases: readonly RefusedByMinterCase[] = [
  { name: 'an empty payload', refusal: { claims: {} }, channel: HS256, token: signed({}), newest: 'refuses', oldest: 'refuses' },
  {
    name: 'an aud claim', refusal: { claims: { ...DEFAULT_CLAIMS, aud: 'rasa' } }, channel: HS256,
    token: signed({ ...DEFAULT_CLAIMS, aud: 'rasa' }), newest: 'refuses', oldest: 'refuses',
  },
  {
    name: 'a future nbf', refusal: { claims: { ...DEFAULT_CLAIMS, nbf: IN_AN_HOUR_S } }, channel: HS256,
    token: inAnHour('nbf'), newest: 'refuses', oldest: 'refuses',
  },
  // Stricter than PyJWT 2.0.0 on purpose: Rasa's newest releases (PyJWT 2.10+) refuse these.
  {
    name: 'a non-string sub', refusal: { claims: { ...DEFAULT_CLAIMS, sub: 42 } }, channel: HS256,
    token: signed({ ...DEFAULT_CLAIMS, sub: 42 }), newest: 'refuses', oldest: 'accepts',
  },
  {
    name: 'a non-string jti', refusal: { claims: { ...DEFAULT_CLAIMS, jti: 7 } }, channel: HS256,
    token: signed({ ...DEFAULT_CLAIMS, jti: 7 }), newest: 'refuses', oldest: 'accepts',
  },
  {
    name: 'a future iat', refusal: { claims: { ...DEFAULT_CLAIMS, iat: IN_AN_HOUR_S } }, channel: HS256,
    token: inAnHour('iat'), newest: 'refuses', oldest: 'accepts',
  },
  // Every PyJWT accepts a short HMAC key; 2.10+ warns. The minter refuses it: a weak key is a
  // problem whatever Rasa does with it.
  {
    name: `a key of ${MIN_KEY_BYTES - 1} bytes`, refusal: { key: keyOf(MIN_KEY_BYTES - 1) },
    channel: { key: keyOf(MIN_KEY_BYTES - 1), method: 'HS256' }, token: signed({ ...DEFAULT_CLAIMS }, keyOf(MIN_KEY_BYTES - 1)),
    newest: 'accepts', oldest: 'accepts',
    newestWarns: /^InsecureKeyLengthWarning: The HMAC key is 31 bytes long, which is below the minimum recommended length of 32 bytes for SHA256/,
  },
  // RFC 7518 §3.2 asks a key as long as the hash: 48 bytes for HS384, 64 for HS512.
  {
    name: 'HS384 with a 32-byte key', refusal: { key: KEY, method: 'HS384' },
    channel: { key: KEY, method: 'HS384' }, token: signed({ ...DEFAULT_CLAIMS }, KEY, 'HS384'),
    newest: 'accepts', oldest: 'accepts',
    newestWarns: /^InsecureKeyLengthWarning: The HMAC key is 32 bytes long, which is below the minimum recommended length of 48 bytes for SHA384/,
  },
  {
    name: 'HS512 with a 32-byte key', refusal: { key: KEY, method: 'HS512' },
    channel: { key: KEY, method: 'HS512' }, token: signed({ ...DEFAULT_CLAIMS }, KEY, 'HS512'),
    newest: 'accepts', oldest: 'accepts',
    newestWarns: /^InsecureKeyLengthWarning: The HMAC key is 32 bytes long, which is below the minimum recommended length of 64 bytes for SHA512/,
  },
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');

const refusedByRasaCases: readonly ElsewhereCase[] = [
  { name: 'expired: minted two hours ago for one hour', channel: HS256, token: mint(HS256, { ...DEFAULT_CLAIMS }, '1h', -2 * HOUR * 1000) },
  { name: 'signed with another key', channel: HS256, token: mint({ key: OTHER_KEY, method: 'HS256' }, { ...DEFAULT_CLAIMS }) },
  {
    name: 'an HS512 token shown to an HS256 channel (same key)',
    channel: { key: keyOf(64), method: 'HS256' },
    token: mint({ key: keyOf(64), method: 'HS512' }, { ...DEFAULT_CLAIMS }),
  },
  { name: 'alg none, no signature', channel: HS256, token: fixed(`${b64('{"alg":"none","typ":"JWT"}')}.${b64(JSON.stringify(DEFAULT_CLAIMS))}.`) },
  { name: 'a tampered signature', channel: HS256, token: async (now) => tamper(await widgetToken(now)) },
  { name: 'a lower-case "bearer " prefix', channel: HS256, token: async (now) => `bearer ${await widgetToken(now)}` },
  { name: 'a payload that is a JSON array', channel: HS256, token: handSigned('{"alg":"HS256","typ":"JWT"}', '["rasa-chat-widget"]') },
  { name: 'a payload that is not JSON', channel: HS256, token: handSigned('{"alg":"HS256","typ":"JWT"}', 'sender_id=rasa') },
  { name: 'malformed: empty', channel: HS256, token: fixed('') },
  { name: 'malformed: not a JWT', channel: HS256, token: fixed('not-a-jwt') },
  { name: 'malformed: a.b.c', channel: HS256, token: fixed('a.b.c') },
  { name: 'malformed: header and payload only', channel: HS256, token: async (now) => (await widgetToken(now)).split('.').slice(0, 2).join('.') },
  { name: 'malformed: four segments', channel: HS256, token: async (now) => `${await widgetToken(now)}.x` },
  { name: 'malformed: a space inside the payload', channel: HS256, token: async (now) => (await widgetToken(now)).replace('.', '. ') },
  {
    name: 'a trailing newline (a token read from a file)', channel: HS256, token: async (now) => `${await widgetToken(now)}\n`,
  },
  {
    name: 'a line break inside the signature (a wrapped token)', channel: HS256,
    token: async (now) => { const t = await widgetToken(now); return `${t.slice(0, -10)}\r\n${t.slice(-10)}`; },
    // PyJWT 2.0.0 decodes base64 leniently; later releases check the padding, which the line break shifts.
    oldestAccepts: true,
  },
];

const acceptedFromElsewhereCases: readonly ElsewhereCase[] = [
  { name: 'a past iat and nbf', channel: HS256, token: (now) => signToken({ ...DEFAULT_CLAIMS, iat: Math.floor(now / 1000) - HOUR, nbf: Math.floor(now / 1000) - HOUR }, bytes(KEY), 'HS256') },
  { name: 'an exp as a numeric string', channel: HS256, token: (now) => signToken({ ...DEFAULT_CLAIMS, exp: String(Math.floor(now / 1000) + HOUR) }, bytes(KEY), 'HS256') },
  { name: 'an exp with a fraction', channel: HS256, token: (now) => signToken({ ...DEFAULT_CLAIMS, exp: Math.floor(now / 1000) + HOUR + 0.5 }, bytes(KEY), 'HS256') },
  { name: 'a non-string iss', channel: HS256, token: signed({ ...DEFAULT_CLAIMS, iss: 5 }) },
  { name: '"Bearer " twice (Rasa removes every one)', channel: HS256, token: async (now) => `Bearer Bearer ${await widgetToken(now)}` },
  { name: 'a header without typ', channel: HS256, token: handSigned('{"alg":"HS256"}', JSON.stringify(DEFAULT_CLAIMS)) },
  { name: 'HS512 signed by hand for an HS512 channel', channel: { key: keyOf(64), method: 'HS512' }, token: handSigned('{"alg":"HS512"}', '{"sender_id":"x"}', keyOf(64), 'sha512') },
];

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** One line of rasa_jwt_check.py's output: Rasa's decision under one PyJWT. */
interface RasaCheck {
  readonly id: string;
  readonly accepted: boolean;
  readonly payload: unknown;
  readonly error: string | null;
  readonly warnings: readonly string[];
}

interface CheckInput {
  readonly id: string;
  readonly token: string;
  readonly key: string;
  readonly method: Method;
}

/** Runs rasa_jwt_check.py once over every input: the PyJWT version and one decision per id. */
function rasaCheck(python: string, inputs: readonly CheckInput[]): { pyjwt: string; byId: Map<string, RasaCheck> } {
  const run = spawnSync(python, [join(compatDir, 'rasa_jwt_check.py'), '--version'], {
    input: inputs.map((i) => JSON.stringify(i)).join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`rasa_jwt_check.py under ${python} failed (${run.status ?? run.error?.message}):\n${run.stderr}`);
  const [version, ...results] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const byId = new Map(results.map((r) => [r.id as string, r as unknown as RasaCheck]));
  expect(byId.size).toBe(inputs.length);
  return { pyjwt: version!.pyjwt as string, byId };
}

describeMatrix(`Rasa compatibility matrix: minter and verify against Rasa's check under PyJWT ${NEWEST_PYJWT} and ${OLDEST_PYJWT}`, () => {
  let now: number;
  const tokens = new Map<string, string>();
  let newest: ReturnType<typeof rasaCheck>;
  let oldest: ReturnType<typeof rasaCheck>;

  beforeAll(async () => {
    now = Date.now();
    const all: { name: string; channel: Channel; token: TokenSource }[] = [
      ...mintedCases.map((c) => ({ ...c, token: c.mint })),
      ...refusedByMinterCases, ...refusedByRasaCases, ...acceptedFromElsewhereCases,
    ];
    const inputs: CheckInput[] = [];
    for (const c of all) {
      if (tokens.has(c.name)) throw new Error(`two cases are named '${c.name}'`);
      tokens.set(c.name, await c.token(now));
      inputs.push({ id: c.name, token: tokens.get(c.name)!, key: c.channel.key, method: c.channel.method });
    }
    newest = rasaCheck(newestPython!, inputs);
    oldest = rasaCheck(oldestPython!, inputs);
  });

  /** verify, the function and the CLI, on the token as the channel would see it. */
  async function ourVerify(name: string, channel: Channel) {
    const token = tokens.get(name)!;
    const decision = await rasaDecision(token, bytes(channel.key), channel.method, now);
    const cli = await runCli(['verify', '--key-env', 'CHANNEL_KEY', '--token', token, '--method', channel.method], { CHANNEL_KEY: channel.key });
    return { decision, cli };
  }

  /** (c): verify says what the newest Rasa says, through the function and the CLI alike. */
  async function expectVerifyAgrees(name: string, channel: Channel) {
    const rasa = newest.byId.get(name)!;
    const { decision, cli } = await ourVerify(name, channel);
    expect(decision.accepted).toBe(rasa.accepted);
    if (decision.accepted) expect(decision.payload).toEqual(rasa.payload);
    expect(cli.exitCode).toBe(rasa.accepted ? 0 : 1);
    expect(cli.stdout).toMatch(rasa.accepted ? /^accepted: / : /^refused: /);
  }

  test('the venvs hold the pinned PyJWT releases', () => {
    expect(newest.pyjwt).toBe(NEWEST_PYJWT);
    expect(oldest.pyjwt).toBe(OLDEST_PYJWT);
  });

  describe('(a) tokens our minter signs: Rasa accepts them under both PyJWT releases, and so does verify', () => {
    test.each(mintedCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
      const rasaNewest = newest.byId.get(name)!;
      const rasaOldest = oldest.byId.get(name)!;
      expect(rasaNewest).toMatchObject({ accepted: true, error: null });
      expect(rasaOldest).toMatchObject({ accepted: true, error: null, warnings: [] });
      expect(rasaOldest.payload).toEqual(rasaNewest.payload);
      if (c.newestWarns) {
        expect(rasaNewest.warnings).toEqual([expect.stringMatching(c.newestWarns)]);
      } else {
        expect(rasaNewest.warnings).toEqual([]);
      }
      await expectVerifyAgrees(name, c.channel);
    });
  });

  describe('(b) what our minter refuses: the newest Rasa refuses it too, or warns about it', () => {
    test.each(refusedByMinterCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
      const refusal = c.refusal;
      if ('claims' in refusal) {
        await expect(mintToken({ key: signingKey(KEY, 'the test key'), method: 'HS256', claims: refusal.claims, expiresIn: '', now, where: 'widgets[0]' }))
          .rejects.toMatchObject({ code: 'ERR_MINT_CLAIMS' });
        const cli = await runCli(['mint', '--key-env', 'CHANNEL_KEY', '--claims', JSON.stringify(refusal.claims)], { CHANNEL_KEY: KEY });
        expect(cli).toMatchObject({ exitCode: 2, stdout: '' });
      } else {
        const method = refusal.method ?? 'HS256';
        expect(thrownBy(() => signingKey(refusal.key, 'the test key', method))).toMatchObject({ code: 'ERR_MINT_KEY' });
        const cli = await runCli(['mint', '--key-env', 'CHANNEL_KEY', '--method', method], { CHANNEL_KEY: refusal.key });
        expect(cli).toMatchObject({ exitCode: 2, stdout: '', stderr: expect.stringContaining(`is ${Buffer.byteLength(refusal.key)} bytes: ${method} needs at least ${KEY_BYTES_FOR[method]}`) });
      }

      const rasaNewest = newest.byId.get(name)!;
      const rasaOldest = oldest.byId.get(name)!;
      expect({ newest: rasaNewest.accepted, oldest: rasaOldest.accepted })
        .toEqual({ newest: c.newest === 'accepts', oldest: c.oldest === 'accepts' });
      // The only thing we refuse that the newest Rasa takes is something it warns about.
      if (c.newest === 'accepts') expect(c.newestWarns).toBeDefined();
      if (c.newestWarns) expect(rasaNewest.warnings).toEqual([expect.stringMatching(c.newestWarns)]);
      else expect(rasaNewest.warnings).toEqual([]);

      const { decision, cli } = await ourVerify(name, c.channel);
      expect(decision.accepted).toBe(rasaNewest.accepted);
      if (Buffer.byteLength(c.channel.key) < KEY_BYTES_FOR[c.channel.method]) {
        // The CLI will not judge with a key the minter would not sign with.
        expect(cli).toMatchObject({ exitCode: 2, stderr: expect.stringContaining(`is ${Buffer.byteLength(c.channel.key)} bytes`) });
      } else {
        expect(cli.exitCode).toBe(rasaNewest.accepted ? 0 : 1);
      }
    });
  });

  describe('(c) tokens Rasa refuses: verify refuses them too', () => {
    test.each(refusedByRasaCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
      expect(newest.byId.get(name)!.accepted).toBe(false);
      expect(oldest.byId.get(name)!.accepted).toBe(c.oldestAccepts ?? false);
      await expectVerifyAgrees(name, c.channel);
    });
  });

  describe('(c) tokens from other signers that Rasa accepts under both PyJWT releases: verify accepts them too', () => {
    test.each(acceptedFromElsewhereCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
      expect(newest.byId.get(name)).toMatchObject({ accepted: true, warnings: [] });
      expect(oldest.byId.get(name)).toMatchObject({ accepted: true });
      await expectVerifyAgrees(name, c.channel);
    });
  });
});
