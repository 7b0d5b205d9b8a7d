export * from './constructs/index.js';
export * from './minter/index.js';
export * from './plan/index.js';
export * from './settings/index.js';
