import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The in-cluster programs, each bundled on its own by scripts/bundle-minter.mjs.
describe.each(['minter', 'keygen', 'demo'])('chart/files/%s.mjs', (program) => {
  const bundle = readFileSync(`chart/files/${program}.mjs`, 'utf8');

  test('is the bundle of its source as it stands (run `npm run bundle` after a change)', () => {
    const fresh = execFileSync('node', ['scripts/bundle-minter.mjs', '--stdout', program], { encoding: 'utf8' });
    expect(bundle).toBe(fresh);
  });

  test('carries neither cdk8s nor @kubernetes/client-node, and fits a ConfigMap many times over', () => {
    expect(bundle).not.toMatch(/node_modules\/(cdk8s|@kubernetes|constructs|ajv|yaml)\//);
    expect(Buffer.byteLength(bundle)).toBeLessThan(100 * 1024);
  });
});

test('the demo page server imports nothing but node\'s own modules, and none of the minter\'s code', () => {
  const demo = readFileSync('chart/files/demo.mjs', 'utf8');
  const imports = [...demo.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((module) => !module!.startsWith('node:'))).toEqual([]);
  expect(demo).not.toMatch(/node_modules\/|src\/minter\/|src\/keygen\//);
  expect(demo).toContain('function createDemoServer(');
});

test("each program's bundle carries its own code and not the other's", () => {
  const minter = readFileSync('chart/files/minter.mjs', 'utf8');
  const keygen = readFileSync('chart/files/keygen.mjs', 'utf8');
  const keygenOnly = ['src/keygen/', 'ensureKeySecret', '--ensure-key', '/secrets/${'];
  const minterOnly = ['node_modules/jose/', 'src/minter/mint.ts', 'applyConfigMap', '/configmaps/${'];
  expect(keygenOnly.filter((code) => minter.includes(code))).toEqual([]);
  expect(minterOnly.filter((code) => keygen.includes(code))).toEqual([]);
  expect(minter).toContain('function applyConfigMap(');
  expect(keygen).toContain('function ensureKeySecret(');
});
