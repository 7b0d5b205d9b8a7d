import { HelmYamlError, parseHelmYaml } from '../../src/settings/helm-yaml.js';

// What helm 4 (sigs.k8s.io/yaml over go-yaml v2) makes of each scalar, checked with `helm template`
// on the chart; test/chart/yaml-reading.test.ts compares with the real helm on every run.
describe('values YAML read as Helm reads it', () => {
  test.each<[string, unknown]>([
    ['1:20', '1:20'], ['2001-12-14', '2001-12-14'], ['0o17', 15], ['010', 8], ['08', 8], ['5_005', 5005], ['0x1F', 31],
    ['0b101', 5], ['-0b101', -5], ['+7', 7], ['-010', -8], ['1e3', 1000], ['.5', 0.5], ['1_000.5', 1000.5], ['1.', 1],
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['on', true], ['ON', true], ['True', true],
    ['no', false], ['n', false], ['off', false], ['Off', false], ['FALSE', false],
    ['yES', 'yES'], ['~', null], ['Null', null], ['null', null], ['0', 0], ['1_', 1], ['_1', '_1'],
    ['"yes"', 'yes'], ["'010'", '010'], ['!!str 010', '010'], ['9223372036854775807', 9223372036854775807],
  ])('%s', (scalar, expected) => {
    expect(parseHelmYaml(`v: ${scalar}\n`)).toEqual({ v: expected });
  });

  test('map keys become strings the JSON way, and a repeated key keeps its last value silently', () => {
    expect(parseHelmYaml('y: 1\non: 2\nn: 3\n10: 4\n010: 5\n1.5: x\n1e3: y\n')).toEqual({ true: 2, false: 3, 10: 4, 8: 5, '1.5': 'x', 1000: true });
    // Helm: "error converting YAML to JSON: unsupported map key of type: %!s(<nil>)".
    expect(() => parseHelmYaml('null: 6\n')).toThrow('a null map key (null, ~ or nothing before the colon) cannot be read by Helm: quote it or rename it');
  });

  test('block and quoted scalars are strings; anchors and merge keys are followed', () => {
    expect(parseHelmYaml('a: |\n  yes\nb: "on"\nbase: &b {x: 1, y: 2}\nc:\n  <<: *b\n  x: 3\nd: *b\n')).toEqual({
      a: 'yes\n', b: 'on', base: { x: 1, true: 2 }, c: { x: 3, true: 2 }, d: { x: 1, true: 2 },
    });
  });

  test('.inf and .nan cannot be values: they do not survive JSON', () => {
    expect(() => parseHelmYaml('v: .inf\n')).toThrow(HelmYamlError);
    expect(() => parseHelmYaml('v: .nan\n')).toThrow("'.nan' is not a value Helm can use: values go through JSON, which has no NaN or infinity");
  });
});
