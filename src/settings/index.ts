export { readChartFile } from './chart-files.js';
export * from './errors.js';
export * from './names.js';
export { defaultValues, resolveSettings } from './resolve.js';
export { API_TOKEN_ENV, KEY_BYTES_FOR, MIN_KEY_BYTES } from './rules.js';
export type * from './types.js';
export { claimProblems, DEFAULT_CLAIMS } from './claims.js';
export { isPlainObject, mergeValues } from './merge.js';
export * from './widgets.js';
