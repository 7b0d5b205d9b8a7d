import { readChartFile } from './chart-files.js';
import { SettingsError } from './errors.js';
import { parseHelmYaml } from './helm-yaml.js';
import { mergeValues } from './merge.js';
import { readPrecompiled } from './precompiled.js';
import { ruleProblems } from './rules.js';
import { schemaProblems } from './schema.js';
import type { Settings, SettingsInput } from './types.js';

/** The chart's values.yaml, read as Helm reads it: the defaults of every setting (a fresh copy each call). */
export function defaultValues(): Settings {
  defaultsJson ??= readPrecompiled('defaults') ?? JSON.stringify(parseHelmYaml(readChartFile('values.yaml')));
  return JSON.parse(defaultsJson) as Settings;
}

let defaultsJson: string | undefined;

/**
 * Defaults merged with the given values (Helm's rules), checked against the schema and the
 * rules. Throws a SettingsError listing every problem at once, so a user fixes them in one go.
 */
export function resolveSettings(...layers: readonly (SettingsInput | undefined)[]): Settings {
  const merged = mergeValues(defaultValues(), ...layers);
  const shapeProblems = schemaProblems(merged);
  if (shapeProblems.length > 0) throw new SettingsError(shapeProblems);
  const settings = merged as Settings;
  const problems = ruleProblems(settings);
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
