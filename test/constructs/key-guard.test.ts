// The key guard run by a real POSIX shell (dash, the stock Rasa images' /bin/sh, where there is
// one), with a stand-in `rasa` on PATH that prints what it was started with.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyGuardCommand } from '../../src/plan/key-guard.js';
import { resolveSettings } from '../../src/settings/resolve.js';
import { rasaContainer, render } from '../support/render.js';

const SHELL = existsSync('/bin/dash') ? '/bin/dash' : '/bin/sh';
const bin = mkdtempSync(join(tmpdir(), 'rsj-guard-'));
writeFileSync(join(bin, 'rasa'), '#!/bin/sh\necho "rasa started with: $*"\n');
chmodSync(join(bin, 'rasa'), 0o755);

/** Runs the rendered command + args as the container runtime would, with this key in the env (or none). */
function start(command: string[], args: string[], key: string | undefined) {
  const env: NodeJS.ProcessEnv = { PATH: `${bin}:/usr/bin:/bin` };
  if (key !== undefined) env.RASA_SOCKETIO_JWT_KEY = key;
  const [, ...rest] = command;
  const result = spawnSync(SHELL, [...rest, ...args], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the Rasa container refuses to start without a key long enough (the key guard)', () => {
  const container = rasaContainer(render());

  test('is the container command, with `rasa run` flags left as its args', () => {
    expect(container.command).toEqual(keyGuardCommand(resolveSettings()));
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(container.command[3]).toBe('rasa');
    expect(container.args[0]).toBe('run');
  });

  test.each([
    ['no key at all (the env var unset)', undefined, 0],
    ['an empty key, which would turn Rasa\'s auth off', '', 0],
    ['a key one byte short', 'k'.repeat(31), 31],
  ])('%s: exits 1 with a message that names the Secret and never the key', (_, key, bytes) => {
    const started = start(container.command, container.args, key);
    expect(started.status).toBe(1);
    expect(started.stdout).toBe('');
    expect(started.stderr).toBe(`rasa-socketio-jwt: not starting Rasa: RASA_SOCKETIO_JWT_KEY (Secret rasa-socketio-jwt, key jwt-key) holds ${bytes} bytes; `
      + 'HS256 needs at least 32, and with an empty jwt_key Rasa would let anyone chat without a token. Put a longer key into the Secret (openssl rand -hex 32).\n');
  });

  test('a key of 32 bytes: rasa starts with the args as rendered, word for word', () => {
    const started = start(container.command, [...container.args, 'an arg with spaces'], 'k'.repeat(32));
    expect(started).toEqual({ status: 0, stdout: `rasa started with: ${[...container.args, 'an arg with spaces'].join(' ')}\n`, stderr: '' });
  });

  test('follows the method and the env var name: HS512 needs 64 bytes', () => {
    const hs512 = rasaContainer(render({ values: { socketio: { jwtMethod: 'HS512', jwtKey: { envName: 'BOT_KEY' } } } }));
    const run = (key: string) => spawnSync(SHELL, [...hs512.command.slice(1), ...hs512.args], { env: { PATH: `${bin}:/usr/bin:/bin`, BOT_KEY: key }, encoding: 'utf8' });
    expect(run('k'.repeat(63)).status).toBe(1);
    expect(run('k'.repeat(63)).stderr).toContain('BOT_KEY (Secret rasa-socketio-jwt, key jwt-key) holds 63 bytes; HS512 needs at least 64');
    expect(run('k'.repeat(64)).status).toBe(0);
  });
});
