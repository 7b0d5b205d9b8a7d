export * from './constructs/index.js';
export * from './settings/index.js';
