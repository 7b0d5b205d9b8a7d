import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKeygen } from '../../src/keygen/run.js';
import { PROGRAM_EXIT } from '../../src/minter/index.js';

const INPUT = { secretName: 'bot-jwt', secretKey: 'jwt-key', method: 'HS256', labels: { 'app.kubernetes.io/component': 'keygen' } };

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rsj-keygen-')), name);
  writeFileSync(path, text);
  return path;
}

/** Runs the key generator as its Job would, with what it logs. */
async function keygen(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const status = await runKeygen({ argv, env, log: (line) => lines.push(line) });
  return { status, lines };
}

/** A pod's service account files, for a program that never gets as far as a request. */
function serviceAccount(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-keygen-sa-'));
  for (const [name, text] of Object.entries({ namespace: 'chat', token: 't', 'ca.crt': '' })) writeFileSync(join(dir, name), text);
  return { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '1', KEYGEN_SERVICE_ACCOUNT_DIR: dir };
}

describe('the key generator program (chart/files/keygen.mjs)', () => {
  test('takes keygen.json as its one argument', async () => {
    expect(await keygen([])).toEqual({ status: PROGRAM_EXIT.INVALID, lines: ['error: usage: keygen.mjs <keygen.json>'] });
  });

  test('refuses a malformed keygen.json, naming the field', async () => {
    expect(await keygen([file('keygen.json', JSON.stringify({ ...INPUT, secretName: '' }))])).toEqual({
      status: PROGRAM_EXIT.INVALID, lines: ["error: keygen input: 'secretName' must be a non-empty string"],
    });
    expect(await keygen([file('keygen.json', JSON.stringify({ ...INPUT, method: 'RS256' }))])).toEqual({
      status: PROGRAM_EXIT.INVALID,
      lines: ["error: 'method' (RS256) is not supported: use HS256, HS384, HS512, the same as the channel's jwt_method"],
    });
  });

  test('says, as itself, that it runs inside a pod', async () => {
    expect(await keygen([file('keygen.json', JSON.stringify(INPUT))])).toEqual({
      status: PROGRAM_EXIT.WRITE_FAILED,
      lines: ['error: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: the key generator runs inside a pod'],
    });
  });

  test('reads its request options from KEYGEN_*, not from the minter\'s', async () => {
    const input = file('keygen.json', JSON.stringify(INPUT));
    expect(await keygen([input], { ...serviceAccount(), KEYGEN_MAX_ATTEMPTS: '0', MINTER_MAX_ATTEMPTS: '2' })).toEqual({
      status: PROGRAM_EXIT.INVALID, lines: ['error: KEYGEN_MAX_ATTEMPTS (0) must be a whole number of at least 1'],
    });
  });
});
