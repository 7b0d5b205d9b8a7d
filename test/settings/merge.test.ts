import { mergeValues } from '../../src/settings/merge.js';

// Each case was checked against helm 4 (`helm template` with -f files and a template printing
// toJson of the values); test/chart/ holds the same cases against the real helm.
describe('values merge as Helm merges them', () => {
  const defaults = { channels: {}, minter: { ttl: null, hooks: { a: '1' }, image: { tag: 'x', registry: 'r' } }, list: [1, 2] };

  test('maps merge key by key, lists and scalars replace', () => {
    expect(mergeValues(defaults, { minter: { image: { tag: 'y' } }, list: [3] })).toEqual({
      channels: {}, minter: { ttl: null, hooks: { a: '1' }, image: { tag: 'y', registry: 'r' } }, list: [3],
    });
  });

  test('a null removes a default that has a value', () => {
    expect(mergeValues(defaults, { minter: { hooks: null, image: { registry: null } } })).toEqual({
      channels: {}, minter: { ttl: null, image: { tag: 'x' } }, list: [1, 2],
    });
  });

  test('a null stays where the defaults have no such key, or have null there', () => {
    expect(mergeValues(defaults, { channels: { rest: null }, minter: { ttl: null } })).toEqual({
      channels: { rest: null }, minter: { ttl: null, hooks: { a: '1' }, image: { tag: 'x', registry: 'r' } }, list: [1, 2],
    });
  });

  test('files merge with each other first, keeping their nulls, then over the defaults', () => {
    const first = { channels: { custom: { url: 'u' } }, minter: { image: { tag: 'y' } } };
    const second = { channels: { custom: null }, minter: { image: null } };
    expect(mergeValues(defaults, first, second)).toEqual({
      channels: { custom: null }, minter: { ttl: null, hooks: { a: '1' } }, list: [1, 2],
    });
  });

  test('leaves its inputs as they were', () => {
    const user = { minter: { hooks: null } };
    mergeValues(defaults, user);
    expect(user).toEqual({ minter: { hooks: null } });
    expect(defaults.minter.hooks).toEqual({ a: '1' });
  });
});
