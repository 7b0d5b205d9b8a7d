// scripts/quiet.sh: the set-up scripts' build tools (go, apt, pip) write to a log under the cache;
// the terminal gets a line per step, a line while it runs, and one when it ends.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a bash script that has sourced scripts/quiet.sh, under the set-up scripts' strict options. */
function bash(script: string, tick = '0.2') {
  const result = spawnSync('bash', ['-c', `set -Eeuo pipefail\nsource scripts/quiet.sh\n${script}`], {
    encoding: 'utf8', env: { ...process.env, RSJ_QUIET_TICK: tick },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CHATTY = `for i in $(seq 1 300); do echo "go: downloading example.com/mod$i v1.0.$i" >&2; ((i % 100)) || sleep 0.5; done`;

describe('quiet_run', () => {
  test("a chatty step: its output in the log, on the terminal only what it does, how it goes and when it ended", () => {
    const log = join(mkdtempSync(join(tmpdir(), 'rsj-quiet-')), 'cache', 'build.log');
    const result = bash(`QUIET_TAG=testbed/build quiet_run ${log} "resolving modules (go get)" bash -c '${CHATTY}'`);
    expect(result).toMatchObject({ status: 0, stdout: '' });
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`[testbed/build] resolving modules (go get) (output: ${log})`);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\[testbed/build\\] resolving modules \\(go get\\): done in \\d+s \\(300 lines in ${log}\\)$`));
    const ticks = lines.slice(1, -1);
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) {
      expect(tick).toMatch(/^\[testbed\/build\] resolving modules \(go get\): still running, \d+s, \d+ lines of output; last: go: downloading example\.com\/mod\d+ v1\.0\.\d+$/);
    }
    const written = readFileSync(log, 'utf8').split('\n');
    expect(written[0]).toMatch(/^=== resolving modules \(go get\): bash -c .* \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/);
    expect(written.filter((l) => l.startsWith('go: downloading '))).toHaveLength(300);
  }, 20_000);

  test('a failing step: its status, and the last 40 lines of its own output, not of earlier steps', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'rsj-quiet-')), 'apt.log');
    const result = bash(`quiet_run ${log} "earlier" bash -c 'echo earlier output'
quiet_run ${log} "apt-get install" bash -c 'for i in $(seq 1 60); do echo "Get:$i http://deb.debian.org/debian bookworm/main pkg$i"; done; echo "E: Unable to locate package nope" >&2; exit 100' || echo "status $?"`);
    expect(result.stdout).toBe('status 100\n');
    const lines = result.stderr.trimEnd().split('\n');
    const failed = lines.findIndex((l) => l.startsWith('[setup] apt-get install: failed after'));
    expect(lines[failed]).toMatch(new RegExp(`^\\[setup\\] apt-get install: failed after \\d+s \\(exit 100\\); the last lines of its output \\(all in ${log}\\):$`));
    expect(lines.slice(failed + 1)).toHaveLength(40);
    expect(lines.at(-1)).toBe('E: Unable to locate package nope');
    expect(result.stderr).not.toContain('earlier output');
  });

  test('inside $(...) it adds nothing to stdout and leaves no ticker or sleep behind', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'rsj-quiet-')), 'pip.log');
    const result = bash(`got=$(quiet_run ${log} "pip install" bash -c 'echo Collecting six; sleep 0.5'; echo /venv/bin/python)
echo "got: $got"
sleep 0.3
pgrep -f "^sleep 0.17$" || echo "none left"`, '0.17');
    expect(result.stdout).toBe('got: /venv/bin/python\nnone left\n');
    expect(result.stderr).toContain('pip install: still running');
  });
});

/** A script's commands, one per logical line (continuation lines joined), comments left out. */
function commands(file: string): string[] {
  return readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ').split('\n').filter((l) => !/^\s*#/.test(l));
}

describe('the set-up scripts', () => {
  test("scripts/testbed/build.sh sends every go command's output to its log", () => {
    const goCommands = commands('scripts/testbed/build.sh').filter((l) => /(^|[\s($])go (build|get|install|mod download) /.test(l));
    expect(goCommands.length).toBeGreaterThanOrEqual(5);
    for (const line of goCommands) expect([line, /quiet_run "\$BUILD_LOG"|2>>"\$BUILD_LOG"/.test(line)]).toEqual([line, true]);
  });

  test.each(['scripts/test-deps/30-python.sh', 'scripts/test-deps/50-scanners.sh'])('%s runs pip, apt and go through quiet_run', (file) => {
    const tools = commands(file).filter((l) => /-m pip install|-m venv|\}" (install|update) |\bgo install "/.test(l) && !/install -s |^\s*echo /.test(l));
    expect(tools.length).toBeGreaterThanOrEqual(2);
    for (const line of tools) expect([line, line.includes('quiet_run')]).toEqual([line, true]);
  });
});
