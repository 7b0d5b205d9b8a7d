import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { AJV_OPTIONS, PRECOMPILED_VALIDATOR } from './ajv-options.js';
import { readChartFile } from './chart-files.js';
import { PATTERN_HINTS } from './pattern-hints.js';
import { passesSchema } from './schema-check.js';
import { mayHoldSecret, shownPath } from './secret-paths.js';

const require = createRequire(import.meta.url);
let loaded: ValidateFunction | undefined;

/** Loaded on first use: code that never validates (the minter CLI commands) skips the cost. */
function validator(): ValidateFunction {
  loaded ??= precompiled() ?? compileNow();
  return loaded;
}

/**
 * `npm run build` compiles the schema ahead of time into lib/settings/ (scripts/compile-schema.mjs):
 * loading that takes a few milliseconds, where loading ajv and compiling took a quarter of a
 * synth. Run from source (the tests), there is none, and the schema is compiled here instead.
 * Found by `../settings/`, which is lib/settings/ both from lib/settings/schema.js and from the
 * bundled CLI's chunks in lib/cli/ (scripts/bundle-cli.mjs).
 */
function precompiled(): ValidateFunction | undefined {
  try {
    return require(`../settings/${PRECOMPILED_VALIDATOR}`) as ValidateFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function compileNow(): ValidateFunction {
  // ajv is CommonJS: its class is the module's `default`.
  const Ajv = (require('ajv') as typeof AjvModule).default;
  return new Ajv(AJV_OPTIONS).compile(JSON.parse(readChartFile('values.schema.json')));
}

let schema: unknown;

/**
 * Checks values against chart/values.schema.json; returns one line per problem. Values that pass
 * the quick walk of the schema (schema-check.ts) skip ajv's validator, which only values with a
 * problem need, for its messages.
 */
export function schemaProblems(values: unknown): string[] {
  schema ??= JSON.parse(readChartFile('values.schema.json'));
  if (passesSchema(schema, values)) return [];
  const validate = validator();
  if (validate(values)) return [];
  // An `if` error only repeats the `then` error beside it ("must match then schema"), a
  // `propertyNames` one the error about the name ("property name must be valid").
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames').map(describe);
}

/** A JSON pointer ('/widgets/0/url') as the settings path the rules use ('widgets[0].url'). */
function settingPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  return shownPath(parts.map((part, i) => (/^[0-9]+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join(''));
}

function describe(error: ErrorObject): string {
  const path = settingPath(error.instancePath);
  // A value that may be a secret is named by its path, never shown.
  const got = mayHoldSecret(path) ? ' (value not shown: it may be a secret)' : ` (got ${JSON.stringify(error.data)})`;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const where = path ? `${path}.${String(p.additionalProperty)}` : String(p.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return `'${where}' is not a setting: remove it or fix its spelling (known here: ${known.join(', ')})`;
    }
    case 'enum':
      if (error.propertyName !== undefined) {
        return `'${path}.${error.propertyName}' is not a setting: remove it or fix its spelling (known here: ${(p.allowedValues as unknown[]).join(', ')})`;
      }
      return `'${path}' must be one of ${(p.allowedValues as unknown[]).join(', ')}${got}`;
    case 'type':
      return `'${path}' must be of type ${String(p.type)}${got}`;
    case 'minimum':
      return `'${path}' must be at least ${String(p.limit)}${got}`;
    case 'maximum':
      return `'${path}' must be at most ${String(p.limit)}${got}`;
    case 'minLength':
      return path.endsWith('image.tag') ? `'${path}' must not be empty unless a digest pins the image (e.g. 3.6.21)` : `'${path}' must not be empty`;
    case 'maxLength':
      return `'${path}' must be at most ${String(p.limit)} characters${got}`;
    case 'required': {
      const missing = `'${path ? `${path}.` : ''}${String(p.missingProperty)}' is required`;
      // A list item's keys have no defaults: the item must give them (a sidecar its image).
      const list = /^(.+)\[\d+\]$/.exec(path)?.[1];
      if (list !== undefined) return `${missing}: every item of '${list}' must have it`;
      // A setting with a default goes missing only through a null in a values file, which removes
      // the default (as Helm reads values): say so, since the file shows no missing key.
      return `${missing}: a null in a values file removes its default; give it a value or drop the null`;
    }
    case 'pattern':
      return `'${path}' must be ${PATTERN_HINTS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`}${got}`;
    default:
      return `'${path}' ${error.message ?? 'is invalid'}${got}`;
  }
}
