import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readChartFile } from './chart-files.js';

// ajv is CommonJS: under NodeNext its default export arrives as the module object.
const Ajv = AjvModule.default;

let compiled: ValidateFunction | undefined;

/** Compiled on first use: code that never validates (the minter CLI commands) skips the cost. */
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(
    JSON.parse(readChartFile('values.schema.json')),
  );
  return compiled;
}

/** Checks values against chart/values.schema.json; returns one line per problem. */
export function schemaProblems(values: unknown): string[] {
  const validate = validator();
  if (validate(values)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.slice(1).split('/').join('.');
  const got = ` (got ${JSON.stringify(error.data)})`;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const where = path ? `${path}.${String(p.additionalProperty)}` : String(p.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return `'${where}' is not a setting: remove it or fix its spelling (known here: ${known.join(', ')})`;
    }
    case 'enum':
      return `'${path}' must be one of ${(p.allowedValues as unknown[]).join(', ')}${got}`;
    case 'type':
      return `'${path}' must be of type ${String(p.type)}${got}`;
    case 'minimum':
      return `'${path}' must be at least ${String(p.limit)}${got}`;
    case 'maximum':
      return `'${path}' must be at most ${String(p.limit)}${got}`;
    case 'minLength':
      return `'${path}' must not be empty`;
    case 'maxLength':
      return `'${path}' must be at most ${String(p.limit)} characters${got}`;
    case 'required':
      return `'${path ? `${path}.` : ''}${String(p.missingProperty)}' is required`;
    case 'pattern':
      return `'${path}' must match ${String(p.pattern)}${got}`;
    default:
      return `'${path}' ${error.message ?? 'is invalid'}${got}`;
  }
}
