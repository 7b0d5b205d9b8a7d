import { goJson } from '../../src/plan/go-json.js';

// What helm 4.1.4's toJson wrote for these, checked with `helm template`; the equivalence test
// compares chart/ci/13-generative-findings-values.yaml's minter input with the real helm.
describe('goJson writes what Helm toJson writes', () => {
  test('keys sorted by their UTF-8 bytes: integer-like keys as text, an emoji after U+FF46', () => {
    expect(goJson({ a: { b: 1, 10: 2, 9: 3, '😀': 4, 'ｆ': 5 } })).toBe('{"a":{"10":2,"9":3,"b":1,"ｆ":5,"😀":4}}');
  });

  test('<, > and & and the line separators escaped; undefined properties left out, as in JSON', () => {
    expect(goJson({ h: '<b>&\u2028', u: undefined, l: [1, null, 'x'] })).toBe('{"h":"\\u003cb\\u003e\\u0026\\u2028","l":[1,null,"x"]}');
  });
});
