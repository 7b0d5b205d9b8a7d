import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { AJV_OPTIONS } from '../../src/settings/ajv-options.js';
import { defaultValues, mergeValues, parseHelmYaml } from '../../src/settings/index.js';
import { PRECOMPILED_FILES } from '../../src/settings/precompiled.js';

const require = createRequire(import.meta.url);

describe('lib/settings/values-validator.cjs (precompiled by npm run build)', () => {
  const precompiled = require('../../lib/settings/values-validator.cjs') as ValidateFunction;
  const Ajv = (require('ajv') as typeof AjvModule).default;
  const compiled = new Ajv(AJV_OPTIONS).compile(JSON.parse(readFileSync('chart/values.schema.json', 'utf8')));

  const outcome = (validate: ValidateFunction, values: unknown) => {
    const valid = validate(values);
    return { valid, errors: (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`) };
  };

  const good = readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml'))
    .map((f) => [f, mergeValues(defaultValues(), parse(readFileSync(`chart/ci/${f}`, 'utf8')) ?? {})] as const);
  const bad: ReadonlyArray<readonly [string, unknown]> = [
    ['unknown key', mergeValues(defaultValues(), { rasa: { replicas: 2 } })],
    ['bad method and port', mergeValues(defaultValues(), { socketio: { jwtMethod: 'RS256' }, service: { port: 0 } })],
    ['wrong types', mergeValues(defaultValues(), { rasa: { replicaCount: 'two', cors: ['ftp://x'] }, widgets: [{ name: 'Bad Name', url: 'https://x/y' }] })],
    ['not an object', []],
  ];

  test.each([...good, ...bad])('decides %s as the schema compiled by ajv does', (_, values) => {
    expect(outcome(precompiled, values)).toEqual(outcome(compiled, values));
  });

  test('the corpus holds both valid and invalid values', () => {
    expect(good.every(([, v]) => compiled(v))).toBe(true);
    expect(bad.some(([, v]) => compiled(v))).toBe(false);
  });
});

describe('lib/settings/*.json (the chart files npm run build precompiles)', () => {
  test.each([['defaults', 'values.yaml'], ['chart', 'Chart.yaml']] as const)('%s holds chart/%s as parseHelmYaml reads it now', (file, source) => {
    const precompiled: unknown = JSON.parse(readFileSync(`lib/settings/${PRECOMPILED_FILES[file]}`, 'utf8'));
    expect(precompiled).toEqual(parseHelmYaml(readFileSync(`chart/${source}`, 'utf8')));
  });
});
