// ES modules end to end (jose 6 and @kubernetes/client-node 2 ship no CommonJS): ts-jest compiles
// each test to ESM and node runs them with --experimental-vm-modules (see the npm test script).
import { createDefaultEsmPreset } from 'ts-jest';

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Sources import siblings as './x.js' (NodeNext); map them back to the .ts files under test.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // One API server test bed for the whole run (test/cluster/). Jest loads these two with node's own
  // loader, which runs TypeScript by stripping its types (Node >= 22.18).
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
};
