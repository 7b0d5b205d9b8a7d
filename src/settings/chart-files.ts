import { readFileSync } from 'node:fs';

/**
 * The chart folder holds the defaults (values.yaml) and the schema (values.schema.json) of the
 * settings model. It ships in the npm package beside lib/, and sits two levels above this file
 * both in src/settings/ and in lib/settings/.
 */
export function readChartFile(name: string): string {
  return readFileSync(new URL(`../../chart/${name}`, import.meta.url), 'utf8');
}
