// What `npm pack` ships: the files a user's install loads, followed from package.json's entry
// points, and nothing else (no source maps, no tests, no stale build output, no chart templates,
// no module the package never loads, such as the in-cluster programs, which ship bundled in
// chart/files/).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INSTALL_CLUSTER_CLIENT } from '../../src/cli/kubeconfig.js';
import { repoDir } from '../compat/support.js';
import { CDK8S_PEERS, floorOf, importClosure, packedFiles, pkg } from './support.js';

/**
 * The chart files the code reads at run time (src/settings/chart-files.ts): the settings model's
 * defaults and schema, the chart's version, and the scripts the constructs put into ConfigMaps.
 * The templates are Helm's alone.
 */
const CHART_FILES_READ = [
  'chart/Chart.yaml', 'chart/values.yaml', 'chart/values.schema.json',
  'chart/files/demo.mjs', 'chart/files/keygen.mjs', 'chart/files/minter.mjs', 'chart/files/model-download.py', 'chart/files/model-ready.py',
];

/** A module that holds types only compiles to `export {};` (after its comments). */
const TYPE_ONLY_JS = /^(\/\/.*\n)*export \{\};\s*(\/\/# sourceMappingURL=\S+\s*)?$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(repoDir, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => relative(repoDir, join(e.parentPath, e.name)));
}

describe('npm pack', () => {
  test('holds what an install loads (code, declarations, generated data, the chart files read) and nothing else', async () => {
    const runtime = importClosure([pkg.main, ...Object.values(pkg.exports), ...Object.values(pkg.bin)]);
    const declarations = importClosure([pkg.types], (path) => path.replace(/\.js$/, '.d.ts'));
    // Written by the build and loaded by a computed name (the precompiled validator and data).
    const generated = filesUnder('lib').filter((f) => !/\.(js|d\.ts|map)$/.test(f));
    const needed = new Set([...runtime, ...declarations, ...generated, ...CHART_FILES_READ, 'package.json', 'README.md', 'LICENSE']);

    // A module ships as tsc's pair: beside a module that runs, its declaration; beside a public
    // declaration, its code, which for a module of types alone is an empty `export {};`.
    const twin = (f: string) => (f.endsWith('.d.ts') && runtime.has(f.replace(/\.d\.ts$/, '.js'))) ||
      (f.endsWith('.js') && declarations.has(f.replace(/\.js$/, '.d.ts')) && TYPE_ONLY_JS.test(readFileSync(join(repoDir, f), 'utf8')));

    const packed = await packedFiles();
    expect(packed.filter((f) => !needed.has(f) && !twin(f))).toEqual([]);
    expect([...needed].filter((f) => !packed.includes(f)).sort()).toEqual([]);
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);
  });
});

describe('package.json', () => {
  test.each(CDK8S_PEERS)('%s is a peer (one copy, the app\'s) and an exact devDependency inside the range for our build', (name) => {
    expect(pkg.dependencies[name]).toBeUndefined();
    const floor = floorOf(pkg.peerDependencies[name]!);
    const dev = pkg.devDependencies[name]!;
    expect(dev).toMatch(/^\d+\.\d+\.\d+$/);
    expect(dev.split('.')[0]).toBe(floor.split('.')[0]);
    expect(dev.localeCompare(floor, undefined, { numeric: true })).toBeGreaterThanOrEqual(0);
  });

  test('@kubernetes/client-node is an optional peer, so an install leaves it out, and the CLI names the install that adds it', () => {
    const range = pkg.peerDependencies['@kubernetes/client-node'];
    expect(pkg.dependencies['@kubernetes/client-node']).toBeUndefined();
    expect(pkg.peerDependenciesMeta?.['@kubernetes/client-node']).toEqual({ optional: true });
    expect(pkg.devDependencies['@kubernetes/client-node']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(INSTALL_CLUSTER_CLIENT).toBe(`npm install @kubernetes/client-node@${range}`);
  });
});
