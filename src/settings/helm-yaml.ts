import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { shownPath } from './secret-paths.js';

/**
 * Reads a values file as Helm does: sigs.k8s.io/yaml, which decodes with go-yaml v2 (YAML 1.1
 * scalars, by go-yaml's own table) into plain data and goes through JSON. Where that differs from
 * YAML 1.2 (the `yaml` package's default), a values file would mean one thing to `helm template`
 * and another to the constructs:
 *  - plain `y`, `yes`, `on` (any of their three spellings) are true, `n`, `no`, `off` false;
 *  - integers may have `_`, a `0x`, `0o` or `0b` prefix, and a leading 0 means octal (010 is 8);
 *  - `1:20` and `2001-12-14` stay strings (no sexagesimal numbers, no timestamps as data);
 *  - map keys become strings as JSON needs (`y:` is the key "true"), and a key given twice keeps
 *    its last value, silently;
 *  - numbers are JSON numbers, so .inf and .nan cannot be values;
 *  - explicit tags are go-yaml's: `!!str`, `!!int`, `!!binary` (base64)... convert or refuse the
 *    scalar, and any other tag (`!custom`, `!`) makes it a string.
 * Quoted and block scalars are strings, as in every YAML.
 *
 * Errors say where (line, column and the setting's path) but never quote the text: a values
 * file may hold a key, and a message ends up in CI logs.
 */
export function parseHelmYaml(text: string): unknown {
  const doc = parseDocument(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const offset = error.pos[0];
    const before = text.slice(0, offset).split('\n');
    const path = shownPath(pathAt(doc.contents as Node | null, offset, []));
    throw new HelmYamlError(`line ${before.length}, column ${before.at(-1)!.length + 1}${path ? ` (in '${path}')` : ''}: ` +
      `${syntaxProblem(error.message)}`, path);
  }
  return doc.contents === null ? null : toData(doc.contents as Node, doc, []);
}

/** A values file that is not YAML, or holds what Helm cannot read (e.g. NaN, a null map key); the message says where. */
export class HelmYamlError extends Error {
  /** Always HelmYamlError, to tell it apart from other errors. */
  override readonly name = 'HelmYamlError';

  /** The setting where the problem is ('socketio.jwtKey.literal'), or '' for the document itself. */
  readonly path: string;

  constructor(message: string, path = '') {
    super(message);
    this.path = path;
  }
}

/**
 * The yaml package's message without the quoted source it sometimes appends (a code frame or a
 * snippet), which could hold a key.
 */
function syntaxProblem(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}

type Path = ReadonlyArray<string | number>;
const dotted = (path: Path) => shownPath(path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join(''));

/** The settings path of the deepest node whose text holds `offset`, for a located error. */
function pathAt(node: Node | null, offset: number, path: Path): string {
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const range = (item as Node | null)?.range;
      if (range && offset >= range[0] && offset <= range[2]) return pathAt(item as Node, offset, [...path, i]);
    }
  }
  if (isMap(node)) {
    let last: string | undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const start = (pair.key as Node | null)?.range?.[0] ?? Infinity;
      if (offset < start) break;
      last = key;
      const value = pair.value as Node | null;
      if (key !== undefined && value?.range && offset >= value.range[0] && offset <= value.range[2]) {
        return pathAt(value, offset, [...path, key]);
      }
    }
    if (last !== undefined) return dotted([...path, last]);
  }
  return dotted(path);
}

function toData(node: Node, doc: Document, path: Path): unknown {
  if (isAlias(node)) {
    const target = node.resolve(doc) as Node | undefined;
    if (!target) throw new HelmYamlError(`'${dotted(path)}' is an alias (*name) of an anchor (&name) that is not defined before it`, dotted(path));
    return toData(target, doc, path);
  }
  if (isScalar(node)) {
    const source = String(node.value ?? '');
    const tag = node.tag;
    if (tag !== undefined) return resolveTagged(tag, source, dotted(path));
    if (node.type !== 'PLAIN') return source;
    try {
      return resolvePlain(source);
    } catch (error) {
      if (error instanceof HelmYamlError) throw new HelmYamlError(`'${dotted(path)}': ${error.message}`, dotted(path));
      throw error;
    }
  }
  if (isSeq(node)) return node.items.map((item, i) => toData(item as Node, doc, [...path, i]));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const merged: Record<string, unknown>[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const rawKey = keyNode === null ? null : toData(keyNode, doc, path);
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<') {
        const value = pair.value === null ? null : toData(pair.value as Node, doc, path);
        for (const source of Array.isArray(value) ? value : [value]) {
          if (source !== null && typeof source === 'object' && !Array.isArray(source)) merged.push(source as Record<string, unknown>);
        }
        continue;
      }
      const key = jsonKey(rawKey, path);
      out[key] = pair.value === null ? null : toData(pair.value as Node, doc, [...path, key]);
    }
    // Keys of the map itself win over merged ones (YAML's merge key).
    for (const source of merged) {
      for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
    }
    return out;
  }
  throw new HelmYamlError(`'${dotted(path)}' is a YAML node Helm cannot read (${String((node as { type?: string }).type)})`, dotted(path));
}

/** What a map key becomes on the way through JSON (sigs.k8s.io/yaml): a string. */
function jsonKey(key: unknown, path: Path): string {
  if (typeof key === 'string') return key;
  const where = path.length > 0 ? ` (in '${dotted(path)}')` : '';
  if (key === null) {
    throw new HelmYamlError(`a null map key (null, ~ or nothing before the colon) cannot be read by Helm${where}: quote it or rename it`, dotted(path));
  }
  if (typeof key === 'object') throw new HelmYamlError(`a map or a list cannot be a map key in a values file${where}`, dotted(path));
  return String(key);
}

const TAG = 'tag:yaml.org,2002:';
/** Standard base64 as Go's StdEncoding reads it: padded, line breaks ignored. */
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * go-yaml v2's reading of a scalar with an explicit tag, quoted or not: the standard tags convert
 * the text or refuse it ("cannot decode !!str `x` as a !!int"), and any other tag gives the text.
 */
function resolveTagged(tag: string, source: string, path: string): unknown {
  const refuse = (what: string) => new HelmYamlError(`'${path}' is tagged !!${tag.slice(TAG.length)} but is not ${what}: drop the tag or fix the value`, path);
  const plain = () => resolvePlain(source);
  switch (tag) {
    case `${TAG}str`:
    case `${TAG}timestamp`:
      if (tag.endsWith('timestamp') && !TIMESTAMP.test(source)) throw refuse('a timestamp');
      return source;
    case `${TAG}null`:
      if (plain() !== null) throw refuse('null');
      return null;
    case `${TAG}bool`:
      if (typeof plain() !== 'boolean') throw refuse('true or false');
      return plain();
    case `${TAG}int`: {
      const value = plain();
      if (typeof value !== 'number' || !GO_INT.test(source.replaceAll('_', ''))) throw refuse('an integer');
      return value;
    }
    case `${TAG}float`: {
      const value = plain();
      if (typeof value !== 'number') throw refuse('a number');
      return value;
    }
    case `${TAG}binary`: {
      const base64 = source.replace(/[\r\n]/g, '');
      if (!BASE64.test(base64)) throw refuse('base64');
      // Go's JSON (on the way through sigs.k8s.io/yaml) turns bytes that are not UTF-8 into U+FFFD,
      // as decoding does here; the key checks refuse U+FFFD in a key.
      return Buffer.from(base64, 'base64').toString('utf8');
    }
    default:
      return source;
  }
}

const BOOLEANS: Readonly<Record<string, boolean>> = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false]),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
/** go-yaml v2's yamlStyleFloat. */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseInt(s, 0, 64) syntax: sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** The forms go-yaml v2's parseTimestamp takes (for !!timestamp; into plain data they stay strings). */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]{1,9})?(Z|[-+][0-9]{2}:[0-9]{2})?)?$/;

/** go-yaml v2's resolve() of an untagged plain scalar, as data that survives JSON. */
function resolvePlain(source: string): unknown {
  if (source in BOOLEANS) return BOOLEANS[source];
  if (NULLS.has(source)) return null;
  if (SPECIAL_FLOATS.has(source)) {
    throw new HelmYamlError(`'${source}' is not a value Helm can use: values go through JSON, which has no NaN or infinity`);
  }
  const first = source[0]!;
  if (first === '.') return YAML_FLOAT.test(source) ? Number(source) : source;
  if (!/[-+0-9]/.test(first)) return source;
  const plain = source.replaceAll('_', '');
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, digits] = int;
    const body = digits!;
    const value = /^0[xX]/.test(body) ? Number(body)
      : /^0[oO]/.test(body) ? parseInt(body.slice(2), 8)
      : /^0[bB]/.test(body) ? parseInt(body.slice(2), 2)
      : body.length > 1 && body.startsWith('0') ? parseInt(body, 8)
      : Number(body);
    // Go keeps 64-bit integers; past that the text is tried as a float, as go-yaml does.
    if (Number.isSafeInteger(value) || Math.abs(value) < 2 ** 63) return sign === '-' ? -value : value;
  }
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return source;
}
