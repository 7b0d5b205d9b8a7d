// Signing throughput, run pinned to one core by run.mjs (taskset): the minter's signing as the Job
// does it (key imported once, a batch signed concurrently), one token at a time, and the whole of
// mintWidgets (snippets and index included), against a raw HMAC-SHA256 JWT loop written with
// node:crypto. Prints JSON: tokens per second, medians.
import { createHmac } from 'node:crypto';
import { hmacKey, mintToken, mintWidgets, parseMinterInput, signingKey } from '../lib/minter/index.js';

const [runs, warmup] = process.argv.slice(2).map(Number);
const key = signingKey('bench-key-0123456789abcdefghijklmnopqr', 'bench');
const claims = { sender_id: 'rasa-chat-widget' };
const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const batch = parseMinterInput({
  configMap: 'w', labels: {}, keyEnv: 'K', method: 'HS256',
  widgets: Array.from({ length: 100 }, (_, i) => ({ name: `w-${i}`, url: 'https://bot.example.com', claims, expiresIn: '', initialPayload: '' })),
});

async function rate(tokensPerCall, fn) {
  const results = [];
  for (let run = 0; run < warmup + runs; run++) {
    let n = 0;
    const end = performance.now() + 500;
    while (performance.now() < end) { await fn(); n += tokensPerCall; }
    if (run >= warmup) results.push(n / 0.5);
  }
  return results.sort((a, b) => a - b)[Math.floor(results.length / 2)];
}

const raw = await rate(1, () => {
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
});
const single = await rate(1, () => mintToken({ key, method: 'HS256', claims, expiresIn: '', now: Date.now(), where: 'bench' }));
const imported = await hmacKey(key, 'HS256');
const concurrent = await rate(100, () => Promise.all(batch.widgets.map((w) =>
  mintToken({ key: imported, method: 'HS256', claims: w.claims, expiresIn: '', now: Date.now(), where: 'bench' }))));
const widgets = await rate(100, () => mintWidgets(batch, key, Date.now()));
process.stdout.write(JSON.stringify({ raw, single, concurrent, widgets }));
