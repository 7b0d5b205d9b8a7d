/** Capped exponential backoff with full jitter, the usual cure for a crowd of retrying clients. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  /** Delay scale of the first retry, in milliseconds. */
  readonly baseMs: number;
  /** Longest delay between two attempts, Retry-After included. */
  readonly capMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  readonly random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseMs: 500,
  capMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** What one attempt came to. */
export type Attempt<T> =
  | { readonly done: T }
  | { readonly retry: string; readonly retryAfterMs?: number }
  | { readonly fail: Error };

export class RetriesExhausted extends Error {
  constructor(readonly attempts: number, readonly lastReason: string) {
    super(`gave up after ${attempts} attempts; last: ${lastReason}`);
  }
}

/**
 * Runs `attempt` until it is done or fails, waiting between retries. A server's Retry-After wins
 * over the computed delay, within the cap. `onRetry` hears each retry (for the log).
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<Attempt<T>>,
  policy: RetryPolicy,
  onRetry: (reason: string, delayMs: number, n: number) => void = () => {},
): Promise<T> {
  let lastReason = '';
  for (let n = 1; n <= policy.attempts; n++) {
    const outcome = await attempt(n);
    if ('done' in outcome) return outcome.done;
    if ('fail' in outcome) throw outcome.fail;
    lastReason = outcome.retry;
    if (n === policy.attempts) break;
    const backoff = policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
    const delay = Math.min(policy.capMs, outcome.retryAfterMs ?? backoff);
    onRetry(outcome.retry, delay, n);
    await policy.sleep(delay);
  }
  throw new RetriesExhausted(policy.attempts, lastReason);
}
