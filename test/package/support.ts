// What the package tests share: the package.json, `npm pack`, npm run in a folder of its own, and
// the files a user's install loads (followed from the package's entry points).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoDir } from '../compat/support.js';
import { run } from '../support/run.js';

export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly main: string;
  readonly types: string;
  readonly exports: Record<string, string>;
  readonly bin: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as PackageJson;

/** The peers a cdk8s app brings itself; each is a caret range whose floor the tests install. */
export const CDK8S_PEERS = ['cdk8s', 'cdk8s-plus-27', 'constructs'] as const;

/** The lowest version a caret range allows (`^2.68.12` → `2.68.12`). */
export function floorOf(range: string): string {
  const found = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!found) throw new Error(`peer range ${JSON.stringify(range)} is not ^x.y.z, which these tests know how to bound`);
  return found[1]!;
}

/** Fails with npm's own words (e.g. the registry cannot be reached), never quietly. */
export async function npm(args: readonly string[], cwd: string, why: string): Promise<string> {
  const ran = await run('npm', ['--no-audit', '--no-fund', '--no-update-notifier', ...args], process.env, cwd);
  if (ran.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (${why}; this test needs the npm registry, or npm's cache of it):\n` +
      `${ran.stderr.split('\n').slice(-25).join('\n')}`);
  }
  return ran.stdout;
}

/** `npm pack --dry-run`'s list: the files a publish would ship. lib/ is as `npm test` built it. */
export async function packedFiles(): Promise<string[]> {
  const out = await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], repoDir, 'listing the package');
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}

/** `npm pack` into `dir`; returns the tarball's path. */
export async function packInto(dir: string): Promise<string> {
  const out = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], repoDir, 'packing the package');
  return join(dir, (JSON.parse(out) as { filename: string }[])[0]!.filename);
}

const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * Files reached from `entries` by relative import, export, dynamic import and require (paths
 * relative to the repository). `map` turns a specifier's target into the file to read, e.g. a
 * declaration's './x.js' into './x.d.ts'.
 */
export function importClosure(entries: readonly string[], map: (path: string) => string = (p) => p): Set<string> {
  const seen = new Set<string>();
  const todo = entries.map((e) => normalize(e));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(join(repoDir, file), 'utf8').matchAll(RELATIVE_SPECIFIER)) {
      const target = map(normalize(join(dirname(file), specifier!)));
      if (!existsSync(join(repoDir, target))) throw new Error(`${file} imports ${specifier}, and ${target} does not exist`);
      todo.push(target);
    }
  }
  return seen;
}

/** The Kubernetes objects of a synthesized YAML file, in order. */
export function objectsOf(yamlText: string): unknown[] {
  return parseAllDocuments(yamlText).map((doc) => doc.toJS() as unknown).filter((o) => o !== null);
}
