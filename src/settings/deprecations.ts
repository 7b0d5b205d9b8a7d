import { isPlainObject } from './merge.js';
import type { Settings } from './types.js';

/**
 * A setting that was renamed: the old name keeps working, with a warning, for one minor version
 * (REMOVED_IN drops it; CHANGELOG.md says so under Deprecated).
 */
export interface DeprecatedSetting {
  /** Its old path, still in the schema, marked deprecated. */
  readonly path: string;
  /** The setting to use instead. */
  readonly replacement: string;
}

/**
 * The key generator's settings moved from minter.* to keyGenerator.*; the plan applies the old
 * ones over the new (keyGeneratorAnnotations in src/plan/key-generator.ts).
 * Twin: the chart's "rasa.deprecationWarnings" helper, which NOTES.txt prints.
 */
/** The version that drops today's deprecated settings: the next minor one. */
export const REMOVED_IN = '0.2.0';

export const DEPRECATED_SETTINGS: readonly DeprecatedSetting[] = [
  { path: 'minter.keygenJobAnnotations', replacement: 'keyGenerator.jobAnnotations' },
  { path: 'minter.keygenRbacAnnotations', replacement: 'keyGenerator.rbacAnnotations' },
];

/** Says a deprecated setting is in use: its path, what replaces it, that it will go. */
export function deprecationWarning({ path, replacement }: DeprecatedSetting): string {
  return `'${path}' is deprecated and will be removed in ${REMOVED_IN}: use '${replacement}' instead ` +
    '(until then, its entries are applied over it)';
}

/**
 * One warning for each deprecated setting the settings use. Each is a map whose default is {}: it
 * is in use when it has entries, or was set to null (which removes it from the settings, as in Helm).
 * The CLI prints them on stderr, the chart in its NOTES.
 */
export function deprecationWarnings(s: Settings): string[] {
  return DEPRECATED_SETTINGS.filter(({ path }) => {
    const value = valueAt(s, path);
    return value === undefined || (isPlainObject(value) && Object.keys(value).length > 0);
  }).map(deprecationWarning);
}

function valueAt(s: Settings, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), s);
}
