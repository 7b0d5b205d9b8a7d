// scripts/prune-lib.mjs, part of `npm run build`: what tsc compiled from a source that is gone
// leaves lib/ (and so the package); what other build steps write there stays.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoDir } from '../compat/support.js';

describe('scripts/prune-lib.mjs', () => {
  let dir: string;

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rsj-prune-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(...files: string[]): void {
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), 'export {};\n');
    }
  }

  function filesLeft(): string[] {
    return readdirSync(join(dir, 'lib'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  }

  test('removes the compiled files of a removed source and the folder left empty; keeps the rest', () => {
    write(
      'src/index.ts', 'lib/index.js', 'lib/index.d.ts', 'lib/index.js.map',
      'lib/renamed.js', 'lib/renamed.d.ts', 'lib/renamed.js.map',
      'src/cli/bin.ts', 'lib/cli/bin.js', 'lib/cli/bin.d.ts', 'lib/cli/bin.js.map',
      'lib/cli/rasa-socketio-jwt.js', 'lib/cli/chunk-ABC123.js',
      'lib/settings/values-validator.cjs', 'lib/settings/values-defaults.json',
      'lib/gone/old.js', 'lib/gone/old.d.ts', 'lib/gone/old.js.map',
    );
    const said = execFileSync(process.execPath, [join(repoDir, 'scripts/prune-lib.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(filesLeft()).toEqual([
      'lib/cli/bin.d.ts', 'lib/cli/bin.js', 'lib/cli/bin.js.map', 'lib/cli/chunk-ABC123.js', 'lib/cli/rasa-socketio-jwt.js',
      'lib/index.d.ts', 'lib/index.js', 'lib/index.js.map',
      'lib/settings/values-defaults.json', 'lib/settings/values-validator.cjs',
    ]);
    expect(existsSync(join(dir, 'lib/gone'))).toBe(false);
    expect(said).toContain('removed lib/renamed.js: src/renamed.ts is gone');
  });
});
