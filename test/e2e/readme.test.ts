// Every shell block of README.md (```sh, ```bash, ```console), run as written against the test
// cluster, so that no command the README shows is one that fails.
//
// How the blocks run:
// - Each block is a test of its own: one bash session (`set -eo pipefail`, so a failing line fails
//   the block), in a namespace of its own that is the current namespace of KUBECONFIG (a copy of the
//   test cluster's kubeconfig), with our helm, node and kubectl on PATH, in a copy of the repository.
// - A block that builds on another section's commands (the Secret the defaults name, created in
//   "The key") says so on the line before its fence: `<!-- readme-test: after: <heading> -->` runs
//   the blocks under that heading first, in the same session and namespace.
// - In a console block only the lines after a "$ " prompt run; the others are output.
// - Output with "<no value>" (a go-template naming a key the object lacks, which exits 0) fails.
// - After each `helm install`, the command its NOTES print to read the first widget's snippet runs
//   as printed, and must print the snippet.
// - A block that cannot run here carries `<!-- readme-test: skip: <why> -->`; SKIPPED below lists
//   those reasons, and must match the README's exactly, so that skipping one more is a visible change.
// - A yaml block whose first line names a file (`# my-values.yaml`) is that file: it is written
//   into the copy of the repository before any block runs, as a reader would save it.
// - `kubectl port-forward` lines, which the README runs "each in a terminal of its own", run in
//   the background after the block's other lines, until they forward (a user runs it again while
//   the pod starts); the test then asks each forwarded port for an answer over HTTP (the demo page,
//   Rasa's `GET /`), and stops them.
//
// The chart's defaults pull docker.io/rasa/rasa:3.6.21 and docker.io/library/node:24.21.0-alpine,
// which no registry here serves: on the local test bed the test images are tagged with those names
// in the node's containerd for the run (as `kind load` does on kind), and the tags it added are
// removed at the end. On a cluster of your own, load them under those names yourself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clusterState } from '../cluster/testbed.js';
import { createNamespace, kubeconfigPath, NOTES_MINTER_WAIT } from '../cluster/support.js';
import { deleteNamespace, describeE2E, namespaceDiagnostics, progress, waitFor } from './cluster.js';

/** Why each skipped block cannot run here, exactly as its README marker says. */
export const SKIPPED = [
  'runs the whole test suite, this test among them',
  'copies images between registries, and no registry is reachable here',
  'its output is an example from a release with widgets of its own; test/cluster/rotate-status.test.ts runs status',
  'needs a release in namespace chat and a key file; test/e2e/rotation.test.ts runs rotate',
  'a list of the commands, not a sequence: each needs inputs the others make ($KEY, key.txt, $TOKEN, a release in namespace chat); test/cli runs each',
  'needs Argo CD or Flux in the cluster; test/e2e/gitops-examples.test.ts checks the examples against their CRDs and applies what each would apply',
  'needs an OCI registry, and none is reachable here',
  'installs into your own cdk8s app; test/package/cdk8s-app.test.ts makes such an app and installs the packed package into it',
];

const FENCE = /^```(sh|bash|console)\s*$/;
const MARKER = /^<!-- readme-test: (.*) -->$/;

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The heading the block is under (without its #s). */
  readonly heading: string;
  readonly script: string;
  readonly skip?: string;
  readonly after: readonly string[];
}

/** The shell blocks of a Markdown text, their markers, and the files its named yaml blocks make. */
export function readmeBlocks(text: string): { blocks: ReadmeBlock[]; files: Map<string, string>; headings: string[]; problems: string[] } {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  const files = new Map<string, string>();
  const headings: string[] = [];
  const problems: string[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = /^#{1,6} (.*)$/.exec(line);
    if (title) {
      heading = title[1]!.trim();
      headings.push(heading);
      continue;
    }
    const fence = /^( *)```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const indent = fence[1]!.length;
    let end = i + 1;
    while (end < lines.length && !/^ *```\s*$/.test(lines[end]!)) end++;
    const body = lines.slice(i + 1, end).map((l) => l.slice(indent)).join('\n');
    const markers: string[] = [];
    for (let m = i - 1; m >= 0 && MARKER.test(lines[m]!); m--) markers.unshift(MARKER.exec(lines[m]!)![1]!);
    if (FENCE.test(line.trim())) {
      let skip: string | undefined;
      const after: string[] = [];
      for (const marker of markers) {
        const kind = /^(skip|after): (.+)$/.exec(marker);
        if (kind?.[1] === 'skip') skip = kind[2]!;
        else if (kind?.[1] === 'after') after.push(kind[2]!);
        else problems.push(`README.md:${i + 1}: unknown marker <!-- readme-test: ${marker} --> (known: "skip: <why>", "after: <heading>")`);
      }
      // A console block shows a session: its commands follow a "$ " prompt, the other lines are output.
      const script = fence[2] === 'console' ? body.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)).join('\n') : body;
      blocks.push({ line: i + 1, heading, script, skip, after });
    } else {
      if (markers.length > 0) problems.push(`README.md:${i + 1}: a readme-test marker before a block that is not sh, bash or console`);
      const named = /^# ([\w.-]+\.ya?ml)\s*$/.exec(body.split('\n')[0] ?? '');
      if ((fence[2] === 'yaml' || fence[2] === 'yml') && named) files.set(named[1]!, `${body}\n`);
    }
    i = end;
  }
  for (const block of blocks) {
    for (const name of block.after) {
      if (!headings.includes(name)) problems.push(`README.md:${block.line}: "after: ${name}" names no heading of the README`);
      else if (!blocks.some((b) => b.heading === name && !b.skip)) problems.push(`README.md:${block.line}: "after: ${name}": that section has no block to run`);
    }
  }
  return { blocks, files, headings, problems };
}

const README = readFileSync('README.md', 'utf8');
const parsed = readmeBlocks(README);

test('the README\'s readme-test markers are all known, and the skipped blocks are exactly those listed here', () => {
  expect(parsed.problems).toEqual([]);
  expect(parsed.blocks.filter((b) => b.skip).map((b) => b.skip).sort()).toEqual([...SKIPPED].sort());
  expect(parsed.blocks.filter((b) => !b.skip).length).toBeGreaterThan(0);
});

test('readmeBlocks reads markers, named files and unknown markers', () => {
  const text = [
    '## One', '```yaml', '# v.yaml', 'a: 1', '```',
    '<!-- readme-test: skip: no registry -->', '```sh', 'skopeo copy x y', '```',
    '## Two', '<!-- readme-test: after: One -->', '```bash', 'echo hi', '```',
    '<!-- readme-test: later -->', '```console', '$ ls', 'README.md', '```',
    '<!-- readme-test: after: Nowhere -->', '```sh', 'true', '```',
  ].join('\n');
  const { blocks, files, problems } = readmeBlocks(text);
  expect(files).toEqual(new Map([['v.yaml', '# v.yaml\na: 1\n']]));
  expect(blocks.map((b) => [b.line, b.heading, b.skip, b.after])).toEqual([
    [7, 'One', 'no registry', []], [12, 'Two', undefined, ['One']], [16, 'Two', undefined, []], [21, 'Two', undefined, ['Nowhere']],
  ]);
  expect(blocks.map((b) => b.script)).toEqual(['skopeo copy x y', 'echo hi', 'ls', 'true']);
  expect(problems).toEqual([
    'README.md:16: unknown marker <!-- readme-test: later --> (known: "skip: <why>", "after: <heading>")',
    'README.md:12: "after: One": that section has no block to run',
    'README.md:21: "after: Nowhere" names no heading of the README',
  ]);
});

/** The chart's default images, and the test images that stand in for them. */
const IMAGE_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['rsj.test/rasa:3.6.21', 'docker.io/rasa/rasa:3.6.21'],
  ['rsj.test/node:24.21.0', 'docker.io/library/node:24.21.0-alpine'],
];

const state = clusterState();

/** The test bed's containerd socket: the one the jest set-up started, or the one beside RSJ_TEST_KUBECONFIG. */
function containerdSocket(): string | undefined {
  if (state.mode === 'unavailable') return undefined;
  const dir = state.mode === 'testbed' ? state.dir : dirname(state.kubeconfig);
  const socket = join(dir, 'node', 'containerd', 'containerd.sock');
  return existsSync(socket) ? socket : undefined;
}

function ctr(socket: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('ctr', ['--address', socket, '--namespace', 'k8s.io', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Files of the working tree (tracked and new, less the ignored) and lib/, copied; node_modules linked. */
function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-readme-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(file)) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(file, join(dir, file));
  }
  spawnSync('ln', ['-s', join(process.cwd(), 'node_modules'), join(dir, 'node_modules')]);
  // The build that `npm test` made (npm run build): `npx rasa-socketio-jwt` runs the package's bin from it.
  if (existsSync('lib')) cpSync('lib', join(dir, 'lib'), { recursive: true });
  return dir;
}

/** The kubeconfig of the test cluster with `namespace` as its current context's namespace. */
function kubeconfigIn(namespace: string, dir: string): string {
  const file = join(dir, 'kubeconfig');
  copyFileSync(kubeconfigPath(), file);
  const set = spawnSync(state.mode === 'unavailable' ? 'kubectl' : state.kubectl, ['--kubeconfig', file, 'config', 'set-context', '--current', `--namespace=${namespace}`], { encoding: 'utf8' });
  if (set.status !== 0) throw new Error(`kubectl config set-context failed: ${set.stderr}`);
  return file;
}

/** The command the chart's NOTES print to read the first widget's snippet. */
const NOTES_SNIPPET = /^ {2}(kubectl -n \S+ get configmap \S+ -o go-template='\{\{index \.data "[\w.-]+\.legacy\.html"\}\}')$/gm;

const PORT_FORWARD = /^kubectl(?: -n \S+)? port-forward (\S+) (\d+)(?::(\d+))?\s*$/;

/** bash -c `script` in `cwd`; resolves with its status and output, killing it after `timeoutMs`. */
function bash(script: string, env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => {
      output += `\n[readme test] killed after ${timeoutMs / 1000}s\n`;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, output }); });
  });
}

/**
 * A `kubectl port-forward` line in the background; resolves once it forwards, or undefined when it
 * exits first (the pod is not running yet) or says nothing for 20 s. `said` collects its output.
 */
function startForward(line: string, env: NodeJS.ProcessEnv, cwd: string, said: string[]): Promise<ChildProcess | undefined> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `exec ${line}`], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const done = (value: ChildProcess | undefined) => { clearTimeout(timer); resolve(value); };
    const timer = setTimeout(() => { child.kill(); done(undefined); }, 20_000);
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); if (/Forwarding from/.test(output)) done(child); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('exit', () => { said.push(output.trim()); done(undefined); });
  });
}

/**
 * Runs a `kubectl port-forward` line as a user does in a terminal of its own, until its local
 * port answers HTTP: kubectl refuses while the pod is not running, and stops at the first
 * connection the pod refuses (its server not listening yet), so it is started again whenever it
 * has exited, as a user would. Resolves with the answer and the running forward.
 */
async function forwardUntilAnswer(line: string, port: number, env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<{ forward: ChildProcess; answer: { status: number; body: string } }> {
  const said: string[] = [];
  let forward: ChildProcess | undefined;
  try {
    return await waitFor(`\`${line}\` to forward, and an HTTP answer on http://localhost:${port}/`, async () => {
      if (!forward || forward.exitCode !== null || forward.signalCode !== null) forward = await startForward(line, env, cwd, said);
      if (!forward) return undefined;
      const answer = await answers(port);
      return answer && forward.exitCode === null ? { forward, answer } : undefined;
    }, timeoutMs, 3000);
  } catch (error) {
    forward?.kill();
    throw new Error(`${(error as Error).message}; kubectl said: ${said.slice(-3).join(' | ')}`);
  }
}

/** Whether anything answers HTTP on http://localhost:<port>/ (any status): what "open the page" needs. */
async function answers(port: number): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

const runnable = parsed.blocks.filter((b) => !b.skip);

describeE2E('README.md: every shell block, run as written against the test cluster', () => {
  let repo: string;
  const addedTags: string[] = [];
  let socket: string | undefined;

  beforeAll(() => {
    repo = copyOfRepository();
    for (const [name, content] of parsed.files) writeFileSync(join(repo, name), content);
    socket = containerdSocket();
    if (!socket) {
      progress(`README blocks: no test bed containerd found; the chart's default images (${IMAGE_ALIASES.map(([, to]) => to).join(', ')}) must be on the nodes already`);
      return;
    }
    const present = new Set(ctr(socket, ['images', 'ls', '-q']).stdout.split('\n'));
    for (const [from, to] of IMAGE_ALIASES) {
      if (present.has(to)) continue;
      const tagged = ctr(socket, ['images', 'tag', from, to]);
      if (tagged.status !== 0) throw new Error(`ctr images tag ${from} ${to}: ${tagged.stderr}`);
      addedTags.push(to);
    }
  });

  afterAll(() => {
    if (socket && addedTags.length > 0) ctr(socket, ['images', 'rm', ...addedTags]);
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  test.each(runnable.map((b) => [`README.md:${b.line} (${b.heading})`, b] as const))('%s', async (_name, block) => {
    const namespace = await createNamespace('readme');
    const session = mkdtempSync(join(tmpdir(), 'rsj-readme-session-'));
    const forwards: ChildProcess[] = [];
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KUBECONFIG: kubeconfigIn(namespace, session),
        PATH: state.mode === 'unavailable' || state.kubectl === 'kubectl' ? process.env.PATH : `${dirname(state.kubectl)}:${process.env.PATH}`,
      };
      const before = block.after.flatMap((heading) => runnable.filter((b) => b.heading === heading));
      const lines = [...before, block].flatMap((b) => [`# README.md:${b.line}`, ...b.script.split('\n')]);
      const forwardLines = lines.filter((l) => PORT_FORWARD.test(l.trim()));
      const firstForward = lines.findIndex((l) => PORT_FORWARD.test(l.trim()));
      if (firstForward >= 0 && lines.slice(firstForward).some((l) => l.trim() && !l.trim().startsWith('#') && !PORT_FORWARD.test(l.trim()))) {
        throw new Error(`README.md:${block.line}: commands after a kubectl port-forward, which keeps running: put the port-forwards last`);
      }
      const script = ['set -eo pipefail', ...lines.filter((l) => !PORT_FORWARD.test(l.trim()))].join('\n');
      progress(`README.md:${block.line} in namespace ${namespace}:\n${script}`);
      const started = Date.now();
      const result = await bash(script, env, repo, 240_000);
      progress(`README.md:${block.line}: exit ${result.status} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
      if (result.status !== 0) {
        throw new Error(`README.md:${block.line} (${block.heading}) exited ${result.status}:\n${result.output}\n--- namespace ${namespace}\n${namespaceDiagnostics(namespace)}`);
      }
      // A go-template that names a key the object lacks prints "<no value>" and exits 0.
      expect(result.output).not.toContain('<no value>');
      // What the NOTES of each `helm install` tell the user to run to read a snippet, run as printed:
      // the wait for the minter Job, then the read.
      for (const [, command] of result.output.matchAll(NOTES_MINTER_WAIT)) {
        const waited = await bash(command!, env, repo, 330_000);
        progress(`NOTES' \`${command}\`: exit ${waited.status}`);
        expect({ command, status: waited.status, output: waited.output }).toEqual({ command, status: 0, output: expect.stringContaining('condition met') });
      }
      for (const [, command] of result.output.matchAll(NOTES_SNIPPET)) {
        const read = await bash(command!, env, repo, 60_000);
        progress(`NOTES' \`${command}\`: exit ${read.status}, ${read.output.length} characters`);
        expect({ command, status: read.status }).toEqual({ command, status: 0 });
        expect(read.output).toMatch(/^<div id="rasa-chat-widget"[\s\S]*<script /);
      }
      for (const line of forwardLines) {
        const port = Number(PORT_FORWARD.exec(line.trim())![2]);
        const { forward, answer } = await forwardUntilAnswer(line.trim(), port, env, repo, 240_000);
        forwards.push(forward);
        progress(`http://localhost:${port}/ answered ${answer.status}: ${answer.body.slice(0, 80).replace(/\s+/g, ' ')}`);
        expect(answer.status).toBe(200);
      }
    } finally {
      for (const f of forwards) f.kill();
      deleteNamespace(namespace);
      rmSync(session, { recursive: true, force: true });
    }
  }, 600_000);
});
