import { execFileSync } from 'node:child_process';
import { resolveSettings, SettingsError } from '../../src/settings/index.js';

describe('a null over a default is refused by the schema, in words that say why', () => {
  test('the schema requires every setting whose default has a value (scripts/schema-required.mjs)', () => {
    expect(() => execFileSync('node', ['scripts/schema-required.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  test.each<[string, object, string]>([
    ['a whole section', { rasa: null }, 'rasa'],
    ['a nested map', { minter: { image: null } }, 'minter.image'],
    ['a scalar', { rasa: { port: null } }, 'rasa.port'],
  ])('%s', (_, values, path) => {
    expect(() => resolveSettings(values)).toThrow(SettingsError);
    try {
      resolveSettings(values);
    } catch (error) {
      expect((error as SettingsError).problems).toEqual([`'${path}' is required: a null in a values file removes its default; give it a value or drop the null`]);
    }
  });

  test('where null means "none", it is taken: no hooks, no memory limit', () => {
    const s = resolveSettings({ minter: { jobAnnotations: null, resources: { limits: { memory: null } } } });
    expect(s.minter).not.toHaveProperty('jobAnnotations');
    expect(s.minter.resources.limits).not.toHaveProperty('memory');
  });
});
