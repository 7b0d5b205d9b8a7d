import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_CLAIMS } from '../../src/settings/claims.js';
import { parseHelmYaml } from '../../src/settings/helm-yaml.js';

// The settings shape is written once, in chart/values.schema.json; types.ts is generated from it and
// values.yaml must agree with it: its values are the schema's defaults, its @param lines (the chart
// README's table) the schema's descriptions.

interface Schema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
}

type Key = string | number;

interface Setting {
  readonly path: string;
  readonly keys: readonly Key[];
  readonly schema: Schema;
  /** A key a list item cannot leave out (a widget's name): it has no default. */
  readonly requiredInItem: boolean;
}

const schema = JSON.parse(readFileSync('chart/values.schema.json', 'utf8')) as Schema;
const valuesText = readFileSync('chart/values.yaml', 'utf8');
const values = parseHelmYaml(valuesText);

const shown = (keys: readonly Key[]) => keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** Every node of the schema below the root, through properties and list items ([0]). */
function settings(node: Schema, keys: readonly Key[] = [], inItem = false): Setting[] {
  const out: Setting[] = [];
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    const at = [...keys, key];
    out.push({ path: shown(at), keys: at, schema: sub, requiredInItem: inItem && (node.required ?? []).includes(key) }, ...settings(sub, at, inItem));
  }
  if (node.items) out.push({ path: shown([...keys, 0]), keys: [...keys, 0], schema: node.items, requiredInItem: false }, ...settings(node.items, [...keys, 0], true));
  return out;
}

function valueAt(keys: readonly Key[]): { found: boolean; value?: unknown } {
  let node: unknown = values;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return { found: false };
    node = (node as Record<Key, unknown>)[key];
  }
  return { found: true, value: node };
}

const typesOf = (s: Schema) => (s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type);
const isFreeMap = (s: Schema) => typesOf(s).includes('object') && !s.properties;

interface Param {
  readonly line: number;
  readonly path: string;
  readonly modifiers: readonly string[];
  readonly description: string;
}

/** The readme-generator's `## @param path [modifiers] description` lines. */
const params: Param[] = valuesText.split('\n').flatMap((text, i) => {
  const m = /^\s*## @param (\S+)(?: \[([^\]]*)\])? (.*)$/.exec(text);
  return m ? [{ line: i + 1, path: m[1]!, modifiers: m[2] ? m[2].split(',').map((s) => s.trim()) : [], description: m[3]! }] : [];
});

/**
 * The schema node a @param documents: its path, or the free-form map the path goes into
 * (`widgets[0].claims.sender_id` documents `widgets[0].claims`).
 */
function documented(path: string): { path: string; schema: Schema } | undefined {
  const keys: Key[] = path.split(/\.|(?=\[)/).map((k) => (/^\[\d+\]$/.test(k) ? Number(k.slice(1, -1)) : k));
  let node = schema;
  for (const [i, key] of keys.entries()) {
    if (isFreeMap(node)) return { path: shown(keys.slice(0, i)), schema: node };
    const next: Schema | undefined = typeof key === 'number' ? node.items : node.properties?.[key];
    if (!next) return undefined;
    node = next;
  }
  return { path, schema: node };
}

/**
 * What the @param lines must cover: nodes without properties of their own, and the keys of list
 * items where values.yaml gives an example item to document them by (widgets[0].name).
 * Helm's `global` is not set in values.yaml, so it has no line.
 */
function leaves(node: Schema, keys: readonly Key[] = []): string[] {
  if (node.properties) return Object.entries(node.properties).flatMap(([key, sub]) => leaves(sub, [...keys, key]));
  const example = valueAt([...keys, 0]);
  if (node.items?.properties && example.found) return leaves(node.items, [...keys, 0]);
  return [shown(keys)];
}

describe('one settings shape: the schema, with types.ts and values.yaml in step', () => {
  test('src/settings/types.ts is what scripts/generate-types.mjs makes of the schema', () => {
    const check = spawnSync('node', ['scripts/generate-types.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  test("every default in the schema is values.yaml's value, and every value in values.yaml is a default", () => {
    const all = settings(schema);
    expect(all.length).toBeGreaterThan(90);
    const problems = all.flatMap(({ path, keys, schema: s, requiredInItem }) => {
      const has = Object.hasOwn(s, 'default');
      const { found, value } = valueAt(keys);
      if (s.properties) return has ? [`${path}: a map with properties has no default of its own (its keys have them)`] : [];
      if (requiredInItem) return has ? [`${path}: a key every list item must give has no default`] : [];
      // A scalar item of a list (kubeAPIServerPorts[0]) is given by its list's default, checked there.
      if (typeof keys.at(-1) === 'number') return has ? [`${path}: a list item has no default of its own (its list has one)`] : [];
      if (!found) return has ? [`${path}: has a default but values.yaml gives no value`] : [];
      if (!has) return [`${path}: has no default; values.yaml gives ${JSON.stringify(value)}`];
      return isDeepStrictEqual(s.default, value) ? [] : [`${path}: default ${JSON.stringify(s.default)}, values.yaml ${JSON.stringify(value)}`];
    });
    expect(problems).toEqual([]);
  });

  test('every @param line names a setting of the schema, in the words of its description', () => {
    expect(params.length).toBeGreaterThan(80);
    const problems = params.flatMap(({ line, path, modifiers, description }) => {
      const node = documented(path);
      if (!node) return [`values.yaml:${line}: @param ${path} names no setting of the schema`];
      const types = typesOf(node.schema).map((t) => (t === 'integer' ? 'number' : t));
      const wrongType = modifiers.filter((m) => ['object', 'array', 'string', 'number', 'boolean'].includes(m) && !types.includes(m));
      return [
        ...wrongType.map((m) => `values.yaml:${line}: @param ${path} says [${m}], the schema says ${types.join(' or ')}`),
        ...(description === node.schema.description ? [] : [
          `values.yaml:${line}: @param ${path} says "${description}", the schema's description of ${node.path} says "${node.schema.description}"`,
        ]),
      ];
    });
    expect(problems).toEqual([]);
  });

  test('every setting of the schema has a @param line', () => {
    const covered = new Set(params.map(({ path }) => documented(path)?.path));
    expect(leaves(schema).filter((path) => path !== 'global' && !covered.has(path))).toEqual([]);
  });

  test("a widget without claims gets the schema's default claims (DEFAULT_CLAIMS)", () => {
    expect(schema.properties!.widgets!.items!.properties!.claims!.default).toEqual(DEFAULT_CLAIMS);
  });
});
