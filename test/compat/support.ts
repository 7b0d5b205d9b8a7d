import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { credentialsYaml } from '../../src/plan/rasa-files.js';
import { resolveSettings } from '../../src/settings/resolve.js';

export const compatDir = fileURLToPath(new URL('.', import.meta.url));
export const repoDir = fileURLToPath(new URL('../../', import.meta.url));

const SETUP_HINT = 'bash scripts/with-env.sh --for-tests npm test sets it up (scripts/test-deps/30-python.sh, 40-chromium.sh)';

/**
 * The executable named by an environment variable that scripts/test-deps exports, or undefined
 * when it is unset: then the caller skips its tests, with a note on stderr. CI must run them, so
 * there an unset variable fails the file instead; a set variable naming nothing fails everywhere.
 */
export function toolFromEnv(variable: string, what: string): string | undefined {
  const path = process.env[variable];
  if (!path) {
    if (process.env.CI) throw new Error(`CI needs ${variable}, for ${what}: ${SETUP_HINT}`);
    process.stderr.write(`[compat] ${variable} is not set: the tests that need ${what} are SKIPPED; ${SETUP_HINT}\n`);
    return undefined;
  }
  if (!existsSync(path)) throw new Error(`${variable} is ${path}, which does not exist (it should be ${what}); ${SETUP_HINT}`);
  return path;
}

/** A process started by the tests, with its stdout kept line by line. */
export interface ServerProcess {
  readonly port: number;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** Resolves with the first stdout line (seen or to come) that passes `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a server that prints `READY <port>` once it listens (rasa_server.py, socketio_server.py)
 * and resolves when it has. Its stderr is kept and shown if it never gets ready or dies early.
 */
export async function startServer(
  command: string, args: readonly string[], env: NodeJS.ProcessEnv, readyTimeoutMs: number,
): Promise<ServerProcess> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    // Rasa's start-up log is long; the end is what explains a failure.
    stderr = (stderr + chunk).slice(-20000);
  });
  const lines: string[] = [];
  const waiters = new Set<{ match: (line: string) => boolean; resolve: (line: string) => void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters) {
      if (waiter.match(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });

  const waitForLine = (match: (line: string) => boolean, timeoutMs: number): Promise<string> => {
    const seen = lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (line: string) => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(line);
        },
      };
      const fail = (why: string) => {
        waiters.delete(waiter);
        child.off('exit', onExit);
        clearTimeout(timer);
        reject(new Error(`${why}\nstdout:\n${lines.join('\n')}\nstderr (end):\n${stderr}`));
      };
      const timer = setTimeout(() => fail(`no such line from ${command} within ${timeoutMs} ms`), timeoutMs);
      const onExit = (code: number | null, signal: string | null) => fail(`${command} exited (${code ?? signal})`);
      child.once('exit', onExit);
      waiters.add(waiter);
    });
  };

  let port: number;
  try {
    const ready = await waitForLine((line) => /^READY \d+$/.test(line), readyTimeoutMs);
    port = Number(ready.split(' ')[1]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { port, lines, waitForLine, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL if it has not exited within five seconds. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** What the Deployment gives Rasa: credentials.yml as the constructs render it, the key in its env var. */
export interface RasaChannelSetup {
  readonly credentialsPath: string;
  readonly credentials: string;
  readonly keyEnv: string;
}

export function writeDefaultCredentials(): RasaChannelSetup {
  const settings = resolveSettings();
  const credentials = credentialsYaml(settings);
  const credentialsPath = join(mkdtempSync(join(tmpdir(), 'rsj-compat-')), 'credentials.yml');
  writeFileSync(credentialsPath, credentials);
  return { credentialsPath, credentials, keyEnv: settings.socketio.jwtKey.envName };
}

/**
 * Rasa's own socketio channel (rasa_server.py on rasa-pro) built from that credentials.yml, with
 * `key` in the env var. Start-up imports all of rasa-pro: a few seconds warm, more when cold.
 */
export function startRasa(
  python: string, setup: RasaChannelSetup, key: string, extraArgs: readonly string[] = [],
): Promise<ServerProcess> {
  return startServer(python, [join(compatDir, 'rasa_server.py'), setup.credentialsPath, '--port', '0', ...extraArgs],
    { ...process.env, [setup.keyEnv]: key }, 120_000);
}

/** The token with the first character of its signature changed: same header and payload, bad signature. */
export function tamper(token: string): string {
  // The first base64url character of a segment is six whole bits of the signature (the last one
  // also carries padding bits, which decoders ignore, so changing it may change nothing).
  const at = token.lastIndexOf('.') + 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}
