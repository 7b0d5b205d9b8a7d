export { chartDir, readChartFile } from './chart-files.js';
export * from './errors.js';
export * from './names.js';
export { defaultValues, resolveSettings } from './resolve.js';
export { MIN_KEY_BYTES } from './rules.js';
export type * from './types.js';
