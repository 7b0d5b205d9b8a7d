import { readFileSync } from 'node:fs';
import { PATTERN_HINTS } from '../../src/settings/pattern-hints.js';
import { schemaProblems } from '../../src/settings/schema.js';
import { mergeValues } from '../../src/settings/merge.js';
import { defaultValues } from '../../src/settings/resolve.js';
import { settingsProblems } from '../support/settings-problems.js';

function patternsOf(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  const own = typeof (node as { pattern?: unknown }).pattern === 'string' ? [(node as { pattern: string }).pattern] : [];
  return [...own, ...Object.values(node).flatMap(patternsOf)];
}

describe('schema errors, as people read them', () => {
  test('every pattern of the schema has a hint in words', () => {
    const patterns = [...new Set(patternsOf(JSON.parse(readFileSync('chart/values.schema.json', 'utf8'))))];
    expect(patterns.length).toBeGreaterThan(5);
    expect(patterns.filter((p) => !(p in PATTERN_HINTS))).toEqual([]);
  });

  test('a pattern error says what the field must be, with an example, not the regular expression', () => {
    expect(settingsProblems({ rasa: { image: { tag: '3.6 x' } } })).toEqual([
      "'rasa.image.tag' must be an image tag: at most 128 letters, digits, '_', '.' and '-', no spaces (e.g. 3.6.21) (got \"3.6 x\")",
    ]);
    expect(settingsProblems({ minter: { resources: { requests: { cpu: 'lots' } } } })).toEqual([
      "'minter.resources.requests.cpu' must be a Kubernetes quantity, or empty for none (e.g. 500m or 1 for CPU, 1Gi or 512Mi for memory) (got \"lots\")",
    ]);
  });

  test('list items are named as the rules name them', () => {
    expect(settingsProblems({ widgets: [{ name: 'w', url: 'https://example.com/chat' }] })[0]).toMatch(/^'widgets\[0\]\.url' must be a URL/);
  });

  test('numbers are bounded where Kubernetes stores them as int32', () => {
    expect(settingsProblems({ rasa: { replicaCount: 1e20 } })).toEqual(["'rasa.replicaCount' must be at most 2147483647 (got 100000000000000000000)"]);
    expect(settingsProblems({ minter: { ttlSecondsAfterFinished: 2147483647, backoffLimit: 2147483647 } })).toEqual([]);
  });

  test.each<[string, object, string]>([
    ['the literal key', { socketio: { jwtKey: { literal: 123456789012345678901234567890123 } } }, '123456789012345678901234567890123'],
    ['a channel credential', { channels: { slack: 'xoxb-secret-token' } }, 'xoxb'],
    ['an endpoints document', { rasa: { endpoints: 'redis-password' } }, 'redis-password'],
    ['an extra env var', { rasa: { extraEnv: [{ name: 'DB_PASSWORD', value: 42424242 }] } }, '42424242'],
  ])('%s is named but never shown', (_, values, secret) => {
    const found = schemaProblems(mergeValues(defaultValues(), values));
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) {
      expect(line).not.toContain(secret);
    }
    expect(found.join('\n')).toContain('value not shown: it may be a secret');
  });
});
