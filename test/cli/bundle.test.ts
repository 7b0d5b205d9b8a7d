import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// npm run build bundles the CLI (scripts/bundle-cli.mjs) into the package's bin; tsc's lib/cli/bin.js
// is the same program unbundled. Both must say and write the same.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
const BUNDLED = pkg.bin['rasa-socketio-jwt']!;

function run(bin: string, args: readonly string[]) {
  const out = mkdtempSync(join(tmpdir(), 'rsj-bundle-'));
  try {
    const result = spawnSync(process.execPath, [bin, ...args, '-o', out, '--namespace', 'default'], { encoding: 'utf8' });
    let written = '';
    try {
      written = readFileSync(join(out, 'rasa.k8s.yaml'), 'utf8');
    } catch { /* a refused render writes nothing */ }
    return { status: result.status, stdout: result.stdout.replaceAll(out, 'OUT'), stderr: result.stderr, written };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('the bundled CLI (package.json bin)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-bundle-values-'));
  const bad = join(dir, 'bad-values.yaml');
  writeFileSync(bad, 'rasa:\n  replicas: 2\nservice:\n  port: 0\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is lib/cli/rasa-socketio-jwt.js', () => {
    expect(BUNDLED).toBe('lib/cli/rasa-socketio-jwt.js');
  });

  test.each([
    ['the defaults', []],
    ['every setting', ['-f', 'bench/fixtures/all-settings-values.yaml']],
    ['refused values', ['-f', 'chart/ci/01-defaults-values.yaml', '-f', 'BAD']],
  ])('synth of %s says and writes what the unbundled lib/cli/bin.js does', (_, given) => {
    const args = given.map((a) => (a === 'BAD' ? bad : a));
    const bundled = run(BUNDLED, args);
    expect(bundled).toEqual(run('lib/cli/bin.js', args));
    expect(bundled.status === 0 ? bundled.written : bundled.stderr).not.toBe('');
  });
});
