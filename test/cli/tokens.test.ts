import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';

const KEY = '0123456789abcdef0123456789abcdef';
const env = { RSJ_KEY: KEY, SHORT_KEY: 'short', LONG_KEY: 'k'.repeat(48) };

function keyFile(content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-key-')), 'key');
  writeFileSync(file, content);
  return file;
}

describe('mint', () => {
  test('prints the default widget token, from a key file or an env var alike', async () => {
    const expected = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZW5kZXJfaWQiOiJyYXNhLWNoYXQtd2lkZ2V0In0.wjgc5C0rHFXBW6egDj2JI0CDnVxy5fyQXwfDALv2Nzc\n';
    expect(await runCli(['mint', '--key-env', 'RSJ_KEY'], env)).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
    expect((await runCli(['mint', '--key-file', keyFile(`${KEY}\n`)], {})).stdout).toBe(expected);
  });

  test('takes claims, a lifetime and a method, and the result verifies', async () => {
    const minted = await runCli(['mint', '--key-env', 'LONG_KEY', '--claims', '{"sender_id":"a","role":"guest"}', '--expires-in', '1h', '--method', 'HS384'], env);
    expect(minted.exitCode).toBe(0);
    const token = minted.stdout.trim();
    expect(await runCli(['verify', '--key-env', 'LONG_KEY', '--token', token, '--method', 'HS384'], env)).toMatchObject({
      exitCode: 0, stdout: expect.stringMatching(/^accepted: \{"sender_id":"a","role":"guest","exp":\d+\}\n$/),
    });
    expect(await runCli(['verify', '--key-env', 'LONG_KEY', '--token', token], env)).toEqual({
      exitCode: 1, stdout: "refused: the token is not signed with HS256, the channel's jwt_method\n", stderr: '',
    });
  });

  test.each<[string, string[], string]>([
    ['a short key', ['--key-env', 'SHORT_KEY'], 'mint: the key in the environment variable SHORT_KEY is 5 bytes: HS256 needs at least 32 (e.g. openssl rand -hex 32, 64 bytes)\n'],
    ['a key shorter than the HS512 hash', ['--key-env', 'LONG_KEY', '--method', 'HS512'], 'mint: the key in the environment variable LONG_KEY is 48 bytes: HS512 needs at least 64 (e.g. openssl rand -hex 32, 64 bytes)\n'],
    ['a missing key variable', ['--key-env', 'NOPE'], 'mint: no key: the environment variable NOPE is not set; it must hold the socketio jwt_key\n'],
    ['no key at all', [], 'mint: give the key with exactly one of --key-file FILE or --key-env VAR (never on the command line)\n'],
    ['an empty payload', ['--key-env', 'RSJ_KEY', '--claims', '{}'], "mint: '--claims.claims' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id\n"],
    ['an aud claim', ['--key-env', 'RSJ_KEY', '--claims', '{"aud":"x","sender_id":"y"}'], "mint: '--claims.claims.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one\n"],
    ['an RS method', ['--key-env', 'RSJ_KEY', '--method', 'RS256'], "mint: '--method' (RS256) is not supported: use HS256, HS384, HS512, the same as the channel's jwt_method\n"],
    ['a lifetime over ten years, which once crashed with a RangeError', ['--key-env', 'RSJ_KEY', '--expires-in', '99999999999999999w'],
      "mint: '--claims.expiresIn' (99999999999999999w) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires\n"],
    ['a key on the command line', ['--key', KEY], "mint: Unknown option '--key'\n"],
  ])('refuses %s with exit 2', async (_, args, stderr) => {
    expect(await runCli(['mint', ...args], env)).toEqual({ stdout: '', stderr, exitCode: 2 });
  });

  test('refuses a key Rasa could not read as text: not UTF-8, or with a NUL; never decoded lossily', async () => {
    const binary = keyFile(Buffer.concat([Buffer.alloc(40, 0x41), Buffer.from([0xff, 0xfe])]));
    expect(await runCli(['mint', '--key-file', binary], {})).toEqual({
      exitCode: 2, stdout: '',
      stderr: `mint: the key file ${binary} is not UTF-8 text, and Rasa reads the key as text from an environment variable: use a text key (e.g. openssl rand -hex 32)\n`,
    });
    const withNul = keyFile(`${'k'.repeat(20)}\0${'k'.repeat(20)}`);
    expect(await runCli(['mint', '--key-file', withNul], {})).toEqual({
      exitCode: 2, stdout: '',
      stderr: `mint: the key in the key file ${withNul} holds a NUL byte, which no environment variable can carry: use a text key (e.g. openssl rand -hex 32)\n`,
    });
    expect(await runCli(['mint', '--key-env', 'LOSSY'], { LOSSY: `${'k'.repeat(40)}\uFFFD` })).toEqual({
      exitCode: 2, stdout: '',
      stderr: 'mint: the key in the environment variable LOSSY is not valid UTF-8 text, and Rasa reads the key as text: use a text key (e.g. openssl rand -hex 32)\n',
    });
  });
});

describe('verify', () => {
  test('accepts a "Bearer " prefix as Rasa does, refuses another key with exit 1', async () => {
    const token = (await runCli(['mint', '--key-env', 'RSJ_KEY'], env)).stdout.trim();
    expect((await runCli(['verify', '--key-env', 'RSJ_KEY', '--token', `Bearer ${token}`], env)).exitCode).toBe(0);
    expect(await runCli(['verify', '--key-file', keyFile('f'.repeat(32)), '--token', token], {})).toEqual({
      exitCode: 1, stdout: 'refused: the signature does not match the key\n', stderr: '',
    });
  });
});

describe('snippet', () => {
  test('prints the legacy widget by default and the web component on request', async () => {
    expect((await runCli(['snippet', '--url', 'https://bot.example.com/', '--token', 'T'], {})).stdout).toBe(
      '<div id="rasa-chat-widget" data-websocket-url="https://bot.example.com" data-token="T"></div>\n' +
      '<script src="https://unpkg.com/@rasahq/rasa-chat" type="application/javascript"></script>\n',
    );
    expect((await runCli(['snippet', '--url', 'https://bot.example.com', '--token', 'T', '--widget', 'web-component'], {})).stdout)
      .toMatch(/^<rasa-chatbot-widget server-url="https:\/\/bot.example.com" authentication-token="T"><\/rasa-chatbot-widget>\n/);
  });

  test('refuses a URL with a path, which socket.io would read as a namespace', async () => {
    expect(await runCli(['snippet', '--url', 'https://example.com/bot', '--token', 'T'], {})).toEqual({
      stdout: '', exitCode: 2,
      stderr: 'snippet: --url (https://example.com/bot) must be an origin like https://bot.example.com: socket.io reads a path as a namespace\n',
    });
  });
});
