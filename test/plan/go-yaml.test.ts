// goYaml against the real thing: documents drawn from the corners where go-yaml differs from other
// YAML writers (folding at column 80, natural key order, scalar styles, escapes, number formats)
// go through Helm's toYaml in one `helm template` run and through goYaml, and must come out as the
// same bytes. Documents whose keys Helm orders at random (goYaml refuses them) are left out.
// RSJ_FUZZ_SEED picks the draw (a number replays a run, "random" explores; the seed is printed
// first), RSJ_FUZZ_CASES how many documents.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoYamlKeyOrderError, goYaml } from '../../src/plan/go-yaml.js';
import { describeHelm, helm } from '../chart/helm.js';
import { Random } from '../chart/values-generator.js';

const CASES = Number(process.env.RSJ_FUZZ_CASES ?? 1500);
const SEED = process.env.RSJ_FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.RSJ_FUZZ_SEED ?? 20260412);

const x = (n: number) => 'x'.repeat(n);

/** Hand-checked cases: [what, document, toYaml's text]. The Helm run below renders them too. */
const PINNED: ReadonlyArray<readonly [string, unknown, string]> = [
  // "k: " and 77 x: the space after them is column 80, not past it; the next one is.
  ['folds at the first single space past column 80', { k: `${x(77)} y z` }, `k: ${x(77)} y\n  z`],
  ['folds at column 81', { k: `${x(78)} y` }, `k: ${x(78)}\n  y`],
  ['counts columns in characters, not bytes', { k: `${'é'.repeat(77)} y z` }, `k: ${'é'.repeat(77)} y\n  z`],
  ['folds not at a run of spaces, under its key', { a: [{ k: `${x(80)}  y z` }] }, `a:\n- k: ${x(80)}  y\n    z`],
  ['folds a root scalar one indent in', `${x(81)} y`, `${x(81)}\n  y`],
  ['folds a quoted scalar, not at its ends', `- ${x(80)} y `, `'- ${x(80)}\n  y '`],
  ['folds double quotes, escaping a space after the fold', `\t${x(80)}  y`, `"\\t${x(80)}\n  \\ y"`],
  ['never folds a key', { [`${x(60)} ${x(30)}`]: 1 }, `${x(60)} ${x(30)}: 1`],
  ['writes a key over 128 bytes as "? key"', { [x(129)]: [1] }, `? ${x(129)}\n: - 1`],
  ['writes a key with a newline as "? |-"', { 'a\nb': { c: 1 } }, '? |-\n  a\n  b\n: c: 1'],
  ['sorts keys: letters last, runs of digits as numbers', Object.fromEntries(['b', 'a10', 'a9', 'a010', '_a', 'A', 'é', '10', '9', 'a', 'B', '-'].map((k) => [k, 0])),
    '\'-\': 0\n_a: 0\n"9": 0\n"10": 0\nA: 0\nB: 0\na: 0\na9: 0\na10: 0\na010: 0\nb: 0\né: 0'],
  ['keeps a zero inside a number significant', { a103: 0, a15: 0 }, 'a15: 0\na103: 0'],
  ['compares runs of digits as Go int64s, which wrap', { '2000000000000000000': 0, '10000000000000000000': 0 }, '"10000000000000000000": 0\n"2000000000000000000": 0'],
  ['does not indent a list under its key, but one in a list', { a: [[1, 2], []], b: {} }, 'a:\n- - 1\n  - 2\n- []\nb: {}'],
  ['writes numbers as JSON and go-yaml leave them', [1234567.5, 1e21, 1.5e-7, 2 ** 53 + 1, -0, 0.1, 2 ** 63, 2 ** 64, -(2 ** 63)],
    '- 1.2345675e+06\n- 1e+21\n- 1.5e-07\n- 9007199254740992\n- 0\n- 0.1\n- 9223372036854776000\n- 1.8446744073709552e+19\n- -9.223372036854776e+18'],
  ['chooses literal, single and double quotes', { a: 'x\ny', b: 'x\n', c: 'x\n\n', d: ' x\n', e: 'x \ny', f: '- x', g: 'on', h: 'a\tb', i: '😀' },
    'a: |-\n  x\n  y\nb: |\n  x\nc: |+\n  x\n\nd: |2\n   x\ne: "x \\ny"\nf: \'- x\'\ng: "on"\nh: "a\\tb"\ni: "\\U0001F600"'],
  ['quotes what reads back as another type', ['yes', '010', '1:20', '2001-12-14', '2001-02-29', '1e3', '1e400', '<<'],
    '- "yes"\n- "010"\n- "1:20"\n- "2001-12-14"\n- 2001-02-29\n- "1e3"\n- 1e400\n- <<'],
  ['escapes every character of a string that starts with a BOM', '\ufeffx é', '"\\uFEFF\\x78\\x20\\xE9"'],
  ['folds a NEL as go-yaml reads it back from JSON', ['a\u0085b', 'a \u0085\u0085 b'], '- a b\n- |-\n  a\n  b'],
  // go-yaml fails to read json.Marshal's text back, and toYaml swallows the error.
  ['renders nothing for a DEL', { a: 'DEL \u007f' }, ''],
  ['renders nothing for a NEL in a key', { 'a\u0085b': 1 }, ''],
  ['renders nothing for a key over 1024 characters as JSON', { [`${'<'.repeat(170)}kkk`]: 1 }, ''],
];

describe('goYaml, pinned', () => {
  it.each(PINNED)('%s', (_, doc, text) => {
    expect(goYaml(doc)).toBe(text);
  });

  it('refuses keys that Helm writes in a random order', () => {
    expect(() => goYaml({ v12: 1, v1beta: 2, v2: 3 })).toThrow(GoYamlKeyOrderError);
  });
});

describeHelm(`goYaml writes what Helm's toYaml writes (seed ${SEED}, ${CASES} documents; replay with RSJ_FUZZ_SEED=${SEED})`, () => {
  it('agrees on every drawn document', () => {
    process.stderr.write(`[go-yaml] seed ${SEED}, ${CASES} drawn documents (RSJ_FUZZ_SEED=${SEED} RSJ_FUZZ_CASES=${CASES} to replay)\n`);
    const random = new Random(SEED);
    // The pinned cases, each odd string and key alone, then the draw.
    const docs = [...PINNED.map(([, doc]) => doc), ...ODD_STRINGS, ...KEYS.map((k) => ({ [k]: k }))];
    const expected = docs.map(goYaml);
    let unstable = 0;
    for (let drawn = 0; drawn < CASES;) {
      const doc = drawDocument(random);
      try {
        expected.push(goYaml(doc));
        docs.push(doc);
        drawn++;
      } catch (error) {
        if (!(error instanceof GoYamlKeyOrderError)) throw error;
        unstable++;
      }
    }
    const rendered = toYamlWithHelm(docs);
    const disagreements = docs.flatMap((doc, i) => (rendered[i] === expected[i] ? [] : [
      `document ${i}: ${JSON.stringify(doc)}\n  helm:   ${JSON.stringify(rendered[i])}\n  goYaml: ${JSON.stringify(expected[i])}`,
    ]));
    process.stderr.write(`[go-yaml] ${docs.length} documents compared, ${disagreements.length} disagreements, ${unstable} left out (keys in no stable order)\n`);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});

/** Helm's toYaml of each document, through a throwaway chart: one run of `helm template` for all. */
function toYamlWithHelm(docs: readonly unknown[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-go-yaml-'));
  mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: go-yaml\nversion: 0.1.0\n');
  // Helm parses every rendered manifest, so the text travels base64-encoded, every byte kept.
  writeFileSync(join(dir, 'chart', 'templates', 'docs.yaml'), [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: docs', 'data:',
    '{{- range $i, $doc := .Values.docs }}', '  d{{ $i }}: {{ toYaml $doc | b64enc | quote }}', '{{- end }}', '',
  ].join('\n'));
  writeFileSync(join(dir, 'values.json'), valuesJson({ docs }));
  const result = helm(['template', 'r', join(dir, 'chart'), '-f', join(dir, 'values.json')]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const rendered = [...result.stdout.matchAll(/^ {2}d(\d+): "([A-Za-z0-9+/=]*)"$/gm)];
  expect(rendered.map((m) => Number(m[1]))).toEqual(docs.map((_, i) => i));
  return rendered.map((m) => Buffer.from(m[2]!, 'base64').toString('utf8'));
}

/**
 * JSON, read by Helm through go-yaml: every BMP character past ASCII escaped, so that none is
 * refused (C1 controls) or folded (NEL, U+2028) by go-yaml's reader; astral ones stay raw, as
 * go-yaml takes no surrogate escapes.
 */
function valuesJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\ud7ff\ue000-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const WORDS = ['a', 'ab', 'abc', 'word', 'longer', 'sentence', 'é', '日本語', 'x:y', 'a#b', '😀', 'don\'t', '"q"', 'back\\slash', '-', '#', ':', '?', '!', '%'];
const ODD_STRINGS = [
  '', ' ', '  ', 'yes', 'Yes', 'on', 'OFF', 'n', 'y', '~', 'null', 'Null', 'true', 'False', '010', '0o17', '0x1F', '0b101', '-0b1', '1_000',
  '08', '+1', '-1', '1e3', '1E3', '.5', '.5e3', '.inf', '-.Inf', '.nan', '1.', '1e400', '.1e999', '1:20', '-1:20:30.5', '190:20:30',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43Z', '2001-12-14 21:59:43.10', '2001-12-14  1:2:3', '2001-02-29',
  '2000-02-29', '2001-13-01', '2001-1-1', '2001-12-14T21:59:43', '2001-12-14T24:00:00Z', '2001-12-14T1:2:3+24:00', '20011-12-14',
  '<<', '=', '---', '--- x', '...', '- x', '-x', '? x', '?x', ': x', ':x', 'a: b', 'a:b', 'a :b', 'a #b', 'a#b', '#x', '@x', '`x', '%x',
  '!x', '&x', '*x', '|x', '>x', '\'x', '"x', 'x\'', 'x"', '[x]', '{x}', 'x,y', 'x]', '9223372036854775807', '9223372036854775808',
  '18446744073709551615', '18446744073709551616', '-9223372036854775808', '-9223372036854775809', '123456789012345678901234567890',
  '\ufeff', '\ufeffx y', 'x\ufeffy', '\u00a0', 'a\u00a0b', '\u2028', 'a\u2028b', 'a \u2029 b', 'a\u0085b', 'a \u0085\u0085 b',
  'a\u007fb', '\ufffe', '\ufffd', '\t', 'a\tb', '\r', 'a\r\nb', '\0', '\x07\x08\x0b\x0c\x1b', '\x1f', 'é', '日本語', '😀', 'a😀b',
  '2001-12-14T21:59:43,5Z', '2001-12-14 21:59:60', '2001-12-14T1:2:3+24:61', '2001-12-14T1:2:3+2400', '2001-12-14t1:2:3Z', '0000-02-29',
  '1900-02-29', '2001-12-14T21:59:43.Z', '2001-12-14 1:2:3.', '0x', '0b', '-0o7', '+0x1F', '0_1', '1__0', '._5', '.5_0', '.5_', '1_000.5',
  '+.5', '-.5e-3', '0.', '1e', '1e+', '١٢٣', '-', '+', '.', '-_1', '+1_2:3_4',
  '-0x8000000000000000', '-0x8000000000000001', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', '+0x8000000000000000', '0x7FFFFFFFFFFFFFFF',
  '\n', '\n\n', 'a\n', 'a\n\n', '\na', ' a\nb', 'a \nb', 'a\n b', 'a\n\n b', 'a\n \nb', 'a\nb ', '  \n  ', 'a\n#b', '- a\n- b',
];

function drawString(random: Random): string {
  switch (random.int(6)) {
    case 0:
      return random.pick(ODD_STRINGS);
    case 1: case 2: {
      // Sentences that reach column 80 at one depth or another.
      const words: string[] = [];
      const target = 40 + random.int(140);
      while (words.join(' ').length < target) words.push(random.next() < 0.1 ? random.pick(ODD_STRINGS) : random.pick(WORDS).repeat(1 + random.int(3)));
      const separators = [' ', ' ', ' ', ' ', ' ', ' ', '  ', '  ', '\n', ' \n', '\t', ' - ', ': ', ' # ', '\u2028'];
      return words.reduce((text, word) => text + random.pick(separators) + word);
    }
    case 3:
      return `${random.pick(['', ' ', '\n', '  '])}${'x'.repeat(random.int(100))}${random.pick(['', ' y', ' ', '\n', ' \n'])}`;
    case 4:
      return Array.from({ length: 1 + random.int(4) }, () => random.pick(ODD_STRINGS)).join(random.pick(['', ' ', '\n']));
    default:
      return random.pick(WORDS);
  }
}

const KEYS = [
  'a', 'b', 'A', 'B', '_a', 'é', 'a9', 'a10', 'a010', 'a01', 'a1', '1', '01', '10', '9', 'x1y', 'x01y', 'on', 'yes', 'null', '',
  'key with spaces', 'a: b', '- x', '#c', 'tab\tkey', 'multi\nline', 'trailing ', '日本', '😀', `${'k'.repeat(129)}`, `${'é'.repeat(65)}`,
  `${'word '.repeat(30)}end`, '٣', 'a٣', 'a3', 'ǅ', 'Ω', 'a103', 'a15', '102', '12', 'x1020', 'x1101', 'a\u0085b', '\u0085', 'a b',
  // Digit runs past int64, and keys at go-yaml's 1024-character limit for a flow key (JSON escapes < as \u003c).
  '9'.repeat(20), '1'.repeat(20), `1${'0'.repeat(19)}`, 'k'.repeat(1022), `${'<'.repeat(170)}kk`, `${'<'.repeat(170)}kkk`,
];

function drawKey(random: Random): string {
  return random.next() < 0.8 ? random.pick(KEYS) : drawString(random);
}

const NUMBERS = [
  0, 1, -1, 7, 42, -0, 0.1, 0.5, 1.5, -2.25, 1e21, 1e20, 1e6, 1234567.5, 123456.5, 1.5e-7, 1e-5, 0.0001, 5e-324, 1.7976931348623157e308,
  2 ** 53 + 1, 2 ** 63, -(2 ** 63), 2 ** 64, 1e19, -1e19, 123456789012345680000, 3.14159, 65535, 2147483648,
];

function drawScalar(random: Random): unknown {
  const roll = random.next();
  if (roll < 0.6) return drawString(random);
  if (roll < 0.75) return random.pick(NUMBERS);
  if (roll < 0.85) return (random.next() - 0.5) * 10 ** (random.int(30) - 10);
  if (roll < 0.95) return random.next() < 0.5;
  return null;
}

function drawValue(random: Random, depth: number): unknown {
  const roll = random.next();
  if (depth >= 5 || roll < 0.45) return drawScalar(random);
  if (roll < 0.75) {
    const size = random.next() < 0.1 ? 10 + random.int(8) : random.int(5);
    return Object.fromEntries(Array.from({ length: size }, () => [drawKey(random), drawValue(random, depth + 1)]));
  }
  return Array.from({ length: random.int(5) }, () => drawValue(random, depth + 1));
}

function drawDocument(random: Random): unknown {
  return random.next() < 0.15 ? drawScalar(random) : drawValue(random, 0);
}
