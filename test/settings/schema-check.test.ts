import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import { AJV_OPTIONS } from '../../src/settings/ajv-options.js';
import { defaultValues, mergeValues, parseHelmYaml } from '../../src/settings/index.js';
import { passesSchema } from '../../src/settings/schema-check.js';

const require = createRequire(import.meta.url);
const schema: unknown = JSON.parse(readFileSync('chart/values.schema.json', 'utf8'));
const ajv = new ((require('ajv') as typeof AjvModule).default)(AJV_OPTIONS).compile(schema as object);

const valuesOf = (file: string) => mergeValues(defaultValues(), (parseHelmYaml(readFileSync(file, 'utf8')) ?? {}) as object);
const files = [
  ...readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).map((f) => `chart/ci/${f}`),
  'bench/fixtures/full-values.yaml', 'bench/fixtures/all-settings-values.yaml',
];

/** The path of every value inside a value, depth first. */
function paths(value: unknown, at: ReadonlyArray<string | number> = [], out: Array<ReadonlyArray<string | number>> = []) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const path = [...at, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths((value as Record<string, unknown>)[key], path, out);
    }
  }
  return out;
}

// What a values file can put anywhere: each type, numbers at and past the usual limits, text
// that breaks a pattern or a length, an unknown key, and removing the value (a null in a file).
const MUTATIONS: ReadonlyArray<unknown> = [
  undefined, null, true, 0, -1, 1.5, 65536, 1e12, '', 'x', 'Not A Name!', 'a'.repeat(300), '10Gi', 'https://a.example.com',
  [], ['x'], [{}], {}, { unknownKey: 1 },
];

describe('passesSchema (the quick yes before ajv)', () => {
  test.each(files)('decides %s as ajv does', (file) => {
    const values = valuesOf(file);
    expect(ajv(values)).toBe(true);
    expect(passesSchema(schema, values)).toBe(true);
  });

  // The fixture with every setting on holds every setting of the defaults too.
  test('decides every value of bench/fixtures/all-settings-values.yaml changed in each way as ajv does', () => {
    const base = valuesOf('bench/fixtures/all-settings-values.yaml');
    const disagreements: string[] = [];
    let checked = 0;
    for (const path of paths(base)) {
      for (const mutation of MUTATIONS) {
        const values = structuredClone(base) as unknown as Record<string | number, unknown>;
        const parent = path.slice(0, -1).reduce((v, k) => v[k] as Record<string | number, unknown>, values);
        const key = path.at(-1)!;
        if (mutation === undefined) delete parent[key]; else parent[key] = structuredClone(mutation);
        const expected = ajv(values);
        if (passesSchema(schema, values) !== expected) disagreements.push(`${path.join('.')} = ${JSON.stringify(mutation)}: ajv says ${expected}`);
        checked++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });

  test('a keyword it does not know sends the values to ajv (false), never a yes', () => {
    expect(passesSchema({ type: 'object', not: { required: ['a'] } }, { b: 1 })).toBe(false);
    expect(passesSchema({ type: 'object', properties: { a: { type: 'string', format: 'email' } } }, { a: 'x' })).toBe(false);
    expect(passesSchema({ type: 'object', properties: { a: { type: 'string' } } }, { a: 'x' })).toBe(true);
  });

  test('an if that passes applies its then; lengths count code points, as ajv does', () => {
    const ifThen = { type: 'object', if: { properties: { on: { const: true } } }, then: { required: ['name'] } };
    expect(passesSchema(ifThen, { on: true })).toBe(false);
    expect(passesSchema(ifThen, { on: false })).toBe(true);
    expect(passesSchema(ifThen, { on: true, name: 'a' })).toBe(true);
    expect(passesSchema({ type: 'string', maxLength: 2 }, '😀😀')).toBe(true);
    expect(passesSchema({ type: 'string', maxLength: 2 }, '😀😀😀')).toBe(false);
  });
});
