/**
 * A quick yes to "do these values fit the schema?", for the common case of values that do. The
 * validator ajv compiles from the schema (with every error and its details, for the messages)
 * is half a megabyte of code: loading and running it once took a fifth of a synth. Walking the
 * schema here decides the same for the few keywords the schema uses and costs a millisecond.
 *
 * It answers only `true` (ajv would find no error) or `false` (ask ajv): values that fail, and any
 * schema keyword this walk does not know, go to ajv, which finds the problems and words them. So
 * a keyword added to the schema and not taught here costs time, never a wrong answer. A test
 * (test/settings/precompiled-schema.test.ts) holds it to ajv's decisions, value by value.
 */
export function passesSchema(schema: unknown, values: unknown): boolean {
  try {
    return passes(schema as SchemaNode, values);
  } catch (error) {
    if (error instanceof UnknownKeyword) return false;
    throw error;
  }
}

type SchemaNode = Readonly<Record<string, unknown>>;

class UnknownKeyword extends Error {}

/** Words that describe and never constrain. */
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default', 'examples', 'deprecated']);
const CHECKED = new Set(['type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'items', 'minItems',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'if', 'then']);

const patterns = new Map<string, RegExp>();

// As ajv decides each keyword (ajv 8, its defaults: unicode patterns, lengths in code points).
function passes(schema: SchemaNode, x: unknown): boolean {
  for (const keyword in schema) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) throw new UnknownKeyword(keyword);
  }
  if (schema.type !== undefined && ![schema.type].flat().some((type) => hasType(x, type as string))) return false;
  if (schema.enum !== undefined && !(schema.enum as unknown[]).some((e) => equal(e, x))) return false;
  if ('const' in schema && !equal(schema.const, x)) return false;
  if (typeof x === 'string') {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const length = [...x].length;
      if (length < ((schema.minLength as number | undefined) ?? 0) || length > ((schema.maxLength as number | undefined) ?? Infinity)) return false;
    }
    if (schema.pattern !== undefined && !pattern(schema.pattern as string).test(x)) return false;
  }
  if (typeof x === 'number') {
    if (schema.minimum !== undefined && !(x >= (schema.minimum as number))) return false;
    if (schema.maximum !== undefined && !(x <= (schema.maximum as number))) return false;
  }
  if (Array.isArray(x)) {
    if (schema.minItems !== undefined && x.length < (schema.minItems as number)) return false;
    if (schema.items !== undefined) {
      // Index by index, as ajv does: a hole in the list is an undefined item, not one to skip.
      for (let i = 0; i < x.length; i++) if (!passes(schema.items as SchemaNode, x[i])) return false;
    }
  }
  if (isObject(x) && !passesObject(schema, x)) return false;
  // An `if` that passes applies its `then`; one that fails applies nothing.
  if (schema.if !== undefined && schema.then !== undefined && passes(schema.if as SchemaNode, x) && !passes(schema.then as SchemaNode, x)) return false;
  return true;
}

function passesObject(schema: SchemaNode, x: Readonly<Record<string, unknown>>): boolean {
  if (schema.required !== undefined && !(schema.required as string[]).every((key) => x[key] !== undefined)) return false;
  const properties = (schema.properties ?? {}) as Readonly<Record<string, SchemaNode>>;
  for (const key in properties) {
    if (x[key] !== undefined && !passes(properties[key]!, x[key])) return false;
  }
  const additional = schema.additionalProperties;
  for (const key in x) {
    if (schema.propertyNames !== undefined && !passes(schema.propertyNames as SchemaNode, key)) return false;
    if (additional === undefined || additional === true || Object.hasOwn(properties, key)) continue;
    if (additional === false || !passes(additional as SchemaNode, x[key])) return false;
  }
  return true;
}

function hasType(x: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof x === 'string';
    case 'boolean': return typeof x === 'boolean';
    case 'null': return x === null;
    case 'number': return typeof x === 'number' && Number.isFinite(x);
    case 'integer': return typeof x === 'number' && Number.isInteger(x);
    case 'array': return Array.isArray(x);
    case 'object': return isObject(x);
    default: throw new UnknownKeyword(`type ${type}`);
  }
}

function isObject(x: unknown): x is Readonly<Record<string, unknown>> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function pattern(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) {
    compiled = new RegExp(source, 'u');
    patterns.set(source, compiled);
  }
  return compiled;
}

/** Deep equality of JSON data, as ajv's (fast-deep-equal) for enum and const. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
}
