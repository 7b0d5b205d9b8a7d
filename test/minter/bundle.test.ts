import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describe('chart/files/minter.mjs', () => {
  test('is the bundle of src/minter as it stands (run `npm run bundle` after a change)', () => {
    const fresh = execFileSync('node', ['scripts/bundle-minter.mjs', '--stdout'], { encoding: 'utf8' });
    expect(readFileSync('chart/files/minter.mjs', 'utf8')).toBe(fresh);
  });

  test('carries neither cdk8s nor @kubernetes/client-node, and fits a ConfigMap many times over', () => {
    const bundle = readFileSync('chart/files/minter.mjs', 'utf8');
    expect(bundle).not.toMatch(/node_modules\/(cdk8s|@kubernetes|constructs|ajv|yaml)\//);
    expect(Buffer.byteLength(bundle)).toBeLessThan(100 * 1024);
  });
});
