import { readFileSync } from 'node:fs';
import { parseHelmYaml } from './helm-yaml.js';
import { readPrecompiled } from './precompiled.js';

/**
 * The chart folder holds the defaults (values.yaml) and the schema (values.schema.json) of the
 * settings model. It ships in the npm package beside lib/, and sits two levels above this file
 * both in src/settings/ and in lib/settings/.
 */
export function readChartFile(name: string): string {
  return readFileSync(new URL(`../../chart/${name}`, import.meta.url), 'utf8');
}

let chart: Record<string, unknown> | undefined;

/** Chart.yaml's fields (read as Helm reads YAML), precompiled by `npm run build` where it ran. */
export function chartYaml(): Readonly<Record<string, unknown>> {
  if (chart === undefined) {
    const precompiled = readPrecompiled('chart');
    chart = (precompiled === undefined ? parseHelmYaml(readChartFile('Chart.yaml')) : JSON.parse(precompiled)) as Record<string, unknown>;
  }
  return chart;
}
