import { readFileSync } from 'node:fs';

/**
 * Chart files that every synth reads, turned into JSON by `npm run build`
 * (scripts/compile-schema.mjs) and written into lib/settings/, so that a synth loads them without
 * parsing YAML (values.yaml alone took a tenth of a synth): the defaults (values.yaml as
 * parseHelmYaml reads it) and Chart.yaml. A test checks they equal the chart's files read now.
 */
export const PRECOMPILED_FILES = { defaults: 'values-defaults.json', chart: 'chart-yaml.json' } as const;

/**
 * The text of one precompiled file, or undefined where there is none (run from source, as the
 * tests are). Found by `../settings/`: lib/settings/ both from lib/settings/ and from the bundled
 * CLI's chunks in lib/cli/ (scripts/bundle-cli.mjs).
 */
export function readPrecompiled(file: keyof typeof PRECOMPILED_FILES): string | undefined {
  try {
    return readFileSync(new URL(`../settings/${PRECOMPILED_FILES[file]}`, import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
