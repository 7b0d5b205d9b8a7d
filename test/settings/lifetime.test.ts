import { readFileSync } from 'node:fs';
import { LIFETIME, lifetimeProblem, lifetimeSeconds, MAX_LIFETIME_SECONDS } from '../../src/settings/lifetime.js';

describe('token lifetimes', () => {
  test("the schema's widgets[].expiresIn pattern is LIFETIME, or empty", () => {
    const schema = JSON.parse(readFileSync('chart/values.schema.json', 'utf8'));
    expect(schema.properties.widgets.items.properties.expiresIn.pattern).toBe(`^$|${LIFETIME.source}`);
  });

  test('take each unit, up to ten years', () => {
    expect(['90s', '30m', '12h', '30d', '2w'].map(lifetimeSeconds)).toEqual([90, 1800, 43200, 2592000, 1209600]);
    expect(lifetimeProblem('3650d', 'x')).toBeUndefined();
    expect(lifetimeProblem('315360000s', 'x')).toBeUndefined();
    expect(lifetimeSeconds('3650d')).toBe(MAX_LIFETIME_SECONDS);
  });

  test.each<[string, string]>([
    ['0d', "'x' (0d) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)"],
    ['30', "'x' (30) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)"],
    ['315360001s', "'x' (315360001s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires"],
    ['1000000000s', "'x' (1000000000s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires"],
  ])('refuse %s', (text, message) => {
    expect(lifetimeProblem(text, 'x')).toBe(message);
  });
});
