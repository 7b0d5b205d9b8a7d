import { readFileSync } from 'node:fs';
import { HelmYamlError, parseHelmYaml, type SettingsInput } from '../settings/index.js';
import { CliError, EXIT, usageError } from './errors.js';

/** Reads values files the way `helm -f` does (YAML as Helm reads it): later files win, each must be a YAML map. */
export function readValuesFiles(paths: readonly string[]): SettingsInput[] {
  return paths.map((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new CliError(`cannot read values file ${path}: ${(cause as Error).message}`,
        { code: 'ERR_VALUES_FILE', exitCode: EXIT.USAGE, cause });
    }
    let values: unknown;
    try {
      values = parseHelmYaml(text);
    } catch (cause) {
      // Only our own errors are shown: they locate the problem without quoting the file's text.
      if (!(cause instanceof HelmYamlError)) throw cause;
      throw usageError(`values file ${path}, ${cause.message}`);
    }
    if (values === null || values === undefined) return {};
    if (typeof values !== 'object' || Array.isArray(values)) {
      throw usageError(`values file ${path} must hold a YAML map of settings`);
    }
    return values as SettingsInput;
  });
}
