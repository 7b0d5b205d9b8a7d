import { RetriesExhausted, withRetries, type Attempt, type RetryPolicy } from '../../src/minter/index.js';

function policy(sleeps: number[]): RetryPolicy {
  return { attempts: 5, baseMs: 100, capMs: 1000, random: () => 0.5, sleep: async (ms) => { sleeps.push(ms); } };
}

describe('withRetries', () => {
  test('backs off exponentially with jitter, capped', async () => {
    const sleeps: number[] = [];
    await expect(withRetries(async () => ({ retry: '503' }), policy(sleeps))).rejects.toThrow(
      new RetriesExhausted(5, '503'),
    );
    expect(sleeps).toEqual([50, 100, 200, 400]);
    const capped: number[] = [];
    await expect(withRetries(async () => ({ retry: '503' }), { ...policy(capped), attempts: 7, random: () => 0.99 })).rejects.toThrow();
    expect(capped.map(Math.round)).toEqual([99, 198, 396, 792, 990, 990]);
  });

  test("honours the server's Retry-After, within the cap", async () => {
    const sleeps: number[] = [];
    const outcomes: Attempt<string>[] = [{ retry: '429', retryAfterMs: 700 }, { retry: '429', retryAfterMs: 5000 }, { done: 'ok' }];
    expect(await withRetries(async (n) => outcomes[n - 1]!, policy(sleeps))).toBe('ok');
    expect(sleeps).toEqual([700, 1000]);
  });

  test('stops at once on a failure that a retry cannot mend', async () => {
    let calls = 0;
    await expect(withRetries(async () => { calls++; return { fail: new Error('403') }; }, policy([]))).rejects.toThrow('403');
    expect(calls).toBe(1);
  });
});
