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

// Each checked with helm 4.1.4 (`helm template` of a chart printing `toJson .Values`);
// test/chart/yaml-reading.test.ts compares the readable ones with the real helm on every run.
describe('explicit tags, as go-yaml v2 reads them', () => {
  test.each<[string, unknown]>([
    ['!!str 5', '5'], ['!!str yes', 'yes'], ['!!int "5"', 5], ['!!int 010', 8], ['!!float 5', 5], ['!!float "1.5"', 1.5],
    ['!!bool "yes"', true], ['!!null ""', null], ['!!null', null], ['!!timestamp 2001-12-14', '2001-12-14'],
    ['!!binary c3VwZXI=', 'super'], ['!!binary /w==', '\uFFFD'], ['!!binary', ''], ['!custom 5', '5'], ["!custom '5'", '5'], ['! 5', '5'],
  ])('%s', (scalar, expected) => {
    expect(parseHelmYaml(`v: ${scalar}\n`)).toEqual({ v: expected });
  });

  test.each([['!!int abc', 'an integer'], ['!!int 1.0', 'an integer'], ['!!null x', 'null'], ['!!timestamp foo', 'a timestamp'], ['!!binary "%%%"', 'base64']])(
    '%s is refused, as Helm refuses it', (scalar, what) => {
      expect(() => parseHelmYaml(`a:\n  v: ${scalar}\n`)).toThrow(`'a.v' is tagged !!${scalar.slice(2).split(' ')[0]} but is not ${what}: drop the tag or fix the value`);
    });
});

describe('errors say where, and never quote the file', () => {
  const KEY = 'k3y-that-must-never-be-printed';
  test.each([
    ['an unclosed quote', `socketio:\n  jwtKey:\n    literal: "${KEY}\n`, "line 4, column 1 (in 'socketio.jwtKey.literal')"],
    ['a colon in the key', `socketio:\n  jwtKey:\n    literal: ${KEY}: x\n`, "line 3, column 14 (in 'socketio.jwtKey.literal')"],
    ['a bad indent', `rasa:\n  image:\n    tag: "1"\n   x: ${KEY}\n`, "line 4, column 1 (in 'rasa.image.tag')"],
    ['an unknown anchor', `socketio:\n  jwtKey:\n    literal: *${KEY}\n`, "'socketio.jwtKey.literal' is an alias (*name) of an anchor (&name) that is not defined before it"],
    ['a wrong tag', `socketio:\n  jwtKey:\n    literal: !!int ${KEY}\n`, "'socketio.jwtKey.literal' is tagged !!int but is not an integer"],
  ])('%s', (_, text, where) => {
    let message = '';
    try {
      parseHelmYaml(text);
    } catch (error) {
      expect(error).toBeInstanceOf(HelmYamlError);
      message = (error as Error).message;
    }
    expect(message).toContain(where);
    expect(message).not.toContain(KEY);
  });

  test('a null key names the map it is in', () => {
    expect(() => parseHelmYaml('channels:\n  rest:\n    ~: 1\n')).toThrow("(in 'channels.rest')");
  });
});
