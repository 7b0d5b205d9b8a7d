import { resolveSettings, SettingsError } from '../../src/settings/index.js';

/** The lines the constructs and synth refuse `values` with; none when they take them. */
export function settingsProblems(values: object): string[] {
  try {
    resolveSettings(values);
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
  return [];
}
