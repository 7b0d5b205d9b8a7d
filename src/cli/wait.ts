import type { CommandIo } from './command.js';
import { CliError, EXIT } from './errors.js';

/**
 * Polls `check` until it gives a value, saying what it waits for when it starts and every 15
 * seconds; fails at `deadline` (ms since the epoch) naming what did not happen.
 */
export async function waitUntil<T>(io: CommandIo, what: string, check: () => Promise<T | undefined>, deadline: number,
  intervalMs = 2000): Promise<T> {
  const started = Date.now();
  let said = started;
  io.progress(`waiting for ${what}`);
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const now = Date.now();
    if (now >= deadline) {
      throw new CliError(`timed out after ${Math.round((now - started) / 1000)}s waiting for ${what}`, { code: 'ERR_TIMEOUT', exitCode: EXIT.FAILURE });
    }
    if (now - said >= 15_000) {
      said = now;
      io.progress(`still waiting for ${what} (${Math.round((now - started) / 1000)}s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, deadline - now)));
  }
}

/** A span of seconds for people: 29d 23h, 3h 12m, 45m 10s, 12s. */
export function humanSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const units: Array<[string, number]> = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts: string[] = [];
  let rest = s;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
