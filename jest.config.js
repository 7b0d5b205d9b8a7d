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
  // Two test files at a time even on two cores (jest's default there is one): the cluster tests
  // spend most of their time waiting on pods, schedules and grace periods, which the other file's
  // work fills. Each cluster test has a namespace of its own.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // One API server test bed for the whole run (test/cluster/). Jest loads these two with node's own
  // loader, which runs TypeScript by stripping its types (Node >= 22.18).
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
};
