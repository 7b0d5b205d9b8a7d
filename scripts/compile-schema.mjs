// Part of `npm run build`: compiles chart/values.schema.json into a standalone validator module,
// lib/settings/values-validator.cjs, which src/settings/schema.ts loads instead of compiling the
// schema at every start (ajv's load and compile were a quarter of a synth). Build output only:
// it is never committed, and a test checks that it decides as the schema compiled by ajv does.
// Beside it, the defaults (values.yaml) and Chart.yaml as JSON (src/settings/precompiled.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, PRECOMPILED_VALIDATOR } from '../lib/settings/ajv-options.js';
import { PRECOMPILED_FILES } from '../lib/settings/precompiled.js';
import { parseHelmYaml } from '../lib/settings/helm-yaml.js';

const ajv = new Ajv.default({ ...AJV_OPTIONS, code: { source: true } });
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../chart/values.schema.json', import.meta.url), 'utf8')));
writeFileSync(new URL(`../lib/settings/${PRECOMPILED_VALIDATOR}`, import.meta.url), standaloneCode.default(ajv, validate));

// The chart files every synth reads, as JSON (src/settings/precompiled.ts): the defaults
// (values.yaml as parseHelmYaml reads it) and Chart.yaml. A test checks they equal the files read now.
for (const [file, source] of [['defaults', 'values.yaml'], ['chart', 'Chart.yaml']]) {
  const text = readFileSync(new URL(`../chart/${source}`, import.meta.url), 'utf8');
  writeFileSync(new URL(`../lib/settings/${PRECOMPILED_FILES[file]}`, import.meta.url), JSON.stringify(parseHelmYaml(text)));
}
