// npm run bench: the product's speed as ratios to baselines measured in the same run (machines
// here are shared and noisy, so absolute times mean little). Medians after warm-up runs.
//   BENCH_RUNS=7 npm run bench        (default 7 measured runs per figure, after 2 warm-ups)
//   BENCH_SECTIONS=2,4 npm run bench  (those sections alone)
// npm run bench starts bench/launch.mjs, which puts the project's Node and helm first on PATH;
// run directly, this refuses without them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { applyConfigMap, checkConfigMapSize, DEFAULT_RETRY_POLICY, mintWidgets, parseMinterInput, signingKey } from '../lib/minter/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_MAJOR = /^NODE_VERSION=(\d+)/m.exec(readFileSync(join(root, 'scripts/node.sh'), 'utf8'))[1];
const helmVersion = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
if (process.versions.node.split('.')[0] !== NODE_MAJOR || helmVersion.status !== 0) {
  console.error(`bench/run.mjs: needs Node ${NODE_MAJOR} (this is ${process.version}) and helm on PATH${helmVersion.status === 0 ? '' : ' (none found)'}: run npm run bench`);
  process.exit(2);
}
// Every process the bench starts runs on this Node, whatever else PATH holds.
const NODE = process.execPath;
// The package's bin: the CLI as scripts/bundle-cli.mjs bundles it.
const CLI = 'lib/cli/rasa-socketio-jwt.js';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = 2;
const KEY = 'bench-key-0123456789abcdefghijklmnopqr';
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const rows = [];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const tmp = (prefix) => mkdtempSync(join(tmpdir(), `rsj-bench-${prefix}-`));

/** One timed run of a whole process that must exit with `status`: wall time (ms) and peak RSS (KiB, when GNU time is there). */
function runOnce({ command, args, env = process.env, status = 0 }) {
  const argv = GNU_TIME ? ['-f', '%M', command, ...args] : args;
  const started = process.hrtime.bigint();
  const result = spawnSync(GNU_TIME ?? command, argv, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== status) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}, not ${status}: ${result.stderr}`);
  return { ms, rssKiB: GNU_TIME ? Number(result.stderr.trim().split('\n').at(-1)) : undefined };
}

/**
 * Median wall time (ms) and peak RSS (KiB) of each process, run in turn: round i runs each once,
 * so a baseline and the figures read against it see the same moments of a shared machine's load
 * (measured one after the other, a ratio moved by +-25 % between two runs of the bench).
 */
function measureInterleaved(specs) {
  const samples = specs.map(() => ({ walls: [], rss: [] }));
  for (let i = 0; i < WARMUP + RUNS; i++) {
    specs.forEach((spec, k) => {
      const { ms, rssKiB } = runOnce(spec);
      if (i < WARMUP) return;
      samples[k].walls.push(ms);
      if (rssKiB !== undefined) samples[k].rss.push(rssKiB);
    });
  }
  return samples.map(({ walls, rss }) => ({ ms: median(walls), rssKiB: rss.length ? median(rss) : undefined }));
}

/** Median wall time (ms) and peak RSS (KiB, when GNU time is there) of a whole process that exits with `status`. */
function measure(command, args, env = process.env, status = 0) {
  return measureInterleaved([{ command, args, env, status }])[0];
}

function row(section, what, value, baseline, ratio, target) {
  rows.push({ section, what, value, baseline, ratio, target });
}

const fmtMs = (ms) => `${ms.toFixed(0)} ms`;
const fmtRatio = (r) => `${r.toFixed(2)} x`;

// The values the synth and helm figures render: the defaults, the full-featured fixture frozen
// for the synth target, and the same with every setting added since, reported beside it.
const RENDERS = [
  ['defaults', [], '<= 1.3 x', '<= 1.15 x'],
  ['full-featured (frozen fixture)', ['-f', 'bench/fixtures/full-values.yaml'], '<= 1.3 x', '<= 1.3 x'],
  ['all settings of today', ['-f', 'bench/fixtures/all-settings-values.yaml'], 'report', 'report'],
];

// 1. Full synth, whole process, vs a bare cdk8s-plus-27 Deployment+Service app. The namespace is
// given, as the bare app's is fixed: synth would otherwise look for one in the kubeconfig. The CLI
// turns on Node's compile cache (src/cli/bin.ts), which a bare app does not: the warm-up runs fill
// it, as a user's first run does. Each render is measured a second time with the cache off
// (NODE_DISABLE_COMPILE_CACHE=1), to show what the rest of the work costs. The bare app and every
// render run in turn (measureInterleaved), so the ratios share the machine's load.
function benchSynth() {
  const noCache = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const specs = [{ command: NODE, args: ['bench/fixtures/bare-app.mjs', tmp('bare')] }];
  for (const [, args] of RENDERS) {
    const synthArgs = [CLI, 'synth', '-o', tmp('synth'), '--namespace', 'default', ...args];
    specs.push({ command: NODE, args: synthArgs }, { command: NODE, args: synthArgs, env: noCache });
  }
  const [bare, ...renders] = measureInterleaved(specs);
  RENDERS.forEach(([label, , target], i) => {
    const [ours, cold] = renders.slice(2 * i, 2 * i + 2);
    row('1 synth', `synth, ${label}`, fmtMs(ours.ms), `bare app ${fmtMs(bare.ms)}`, fmtRatio(ours.ms / bare.ms), target);
    row('1 synth', `synth, ${label}, compile cache off`, fmtMs(cold.ms), `bare app ${fmtMs(bare.ms)}`, fmtRatio(cold.ms / bare.ms), 'report');
  });
}

// 2. helm template of our chart vs a minimal one-Deployment chart, interleaved as in section 1.
// Beside each render, its floor: a chart whose one template is that render's output as static
// text, with our values.yaml and values.schema.json, given the same values. Helm does for it all
// it does for ours (loads the chart, validates the values, splits and sorts the same objects)
// except run our templates' logic, so no change to the templates can bring the chart under it.
// The defaults' output is also measured static without values and schema: what Helm spends on
// our objects alone.
function benchHelm() {
  const floors = RENDERS.map(([, args]) => staticChart(args, true));
  const [minimal, ...renders] = measureInterleaved([
    { command: 'helm', args: ['template', 'bench', 'bench/fixtures/minimal-chart'] },
    ...RENDERS.map(([, args]) => ({ command: 'helm', args: ['template', 'bench', 'chart', ...args] })),
    ...RENDERS.map(([, args], i) => ({ command: 'helm', args: ['template', 'bench', floors[i], ...args] })),
    { command: 'helm', args: ['template', 'bench', staticChart([], false)] },
  ]);
  const baseline = `minimal chart ${fmtMs(minimal.ms)}`;
  RENDERS.forEach(([label, , , target], i) => {
    row('2 helm template', `chart, ${label}`, fmtMs(renders[i].ms), baseline, fmtRatio(renders[i].ms / minimal.ms), target);
    const floor = renders[RENDERS.length + i];
    row('2 helm template', `floor of ${label}: its output as static text, with values and schema`, fmtMs(floor.ms), baseline,
      fmtRatio(floor.ms / minimal.ms), 'report');
  });
  const objects = renders.at(-1);
  row('2 helm template', 'floor of defaults, its output alone: static text, no values or schema', fmtMs(objects.ms), baseline, fmtRatio(objects.ms / minimal.ms), 'report');
}

/** A chart of one static template, the output of `helm template` of chart/ with `args` ({{ escaped), and our values and schema when `withValues`. */
function staticChart(args, withValues) {
  const dir = tmp('static-chart');
  const output = execFileSync('helm', ['template', 'bench', 'chart', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 'objects.yaml'), output.replaceAll('{{', '{{ "{{" }}'));
  writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(root, 'chart/Chart.yaml')));
  if (withValues) for (const file of ['values.yaml', 'values.schema.json']) writeFileSync(join(dir, file), readFileSync(join(root, 'chart', file)));
  return dir;
}

// 3. Signing throughput on one core (taskset, where there is one), in a process of its own.
function benchSigning() {
  const pinned = spawnSync('taskset', ['--version']).status === 0;
  const args = ['bench/signing.mjs', String(RUNS), String(WARMUP)];
  const out = pinned ? execFileSync('taskset', ['-c', '0', NODE, ...args], { cwd: root, encoding: 'utf8' })
    : execFileSync(NODE, args, { cwd: root, encoding: 'utf8' });
  const { raw, single, concurrent, widgets } = JSON.parse(out);
  const core = pinned ? 'one core' : 'unpinned';
  row('3 signing', `minter signing (key imported once, 100 at once), ${core}`, `${Math.round(concurrent)}/s`, `raw HMAC ${Math.round(raw)}/s`, fmtRatio(concurrent / raw), '>= 0.5 x');
  row('3 signing', `mintWidgets with snippets and index, 100 per call, ${core}`, `${Math.round(widgets)}/s`, `raw HMAC ${Math.round(raw)}/s`, fmtRatio(widgets / raw), 'report');
  row('3 signing', `mintToken, one at a time, ${core}`, `${Math.round(single)}/s`, `raw HMAC ${Math.round(raw)}/s`, fmtRatio(single / raw), 'report');
}

// 4. The minter end to end against a cluster's API server, vs `node -e 0`: the cluster of
// RSJ_TEST_KUBECONFIG (the shared dev cluster, as the tests use it) in a namespace of its own,
// else a test bed started for the run (scripts/testbed/start.sh).
async function benchMinter() {
  const cluster = process.env.RSJ_TEST_KUBECONFIG ? sharedCluster(process.env.RSJ_TEST_KUBECONFIG) : startTestbed();
  if (!cluster) return row('4 minter', 'skipped: no RSJ_TEST_KUBECONFIG and the test bed is not built (scripts/testbed/build.sh)', '', '', '', '');
  const namespace = `rsj-bench-${process.pid}`;
  const kubectl = (args, input) => execFileSync(cluster.kubectl, ['--kubeconfig', cluster.kubeconfig, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  try {
    kubectl(['create', 'namespace', namespace]);
    const out = tmp('objects');
    execFileSync(NODE, [CLI, 'synth', '-o', out, '--namespace', namespace], { cwd: root });
    const rbac = parseAllDocuments(readFileSync(join(out, 'rasa.k8s.yaml'), 'utf8')).map((d) => d.toJS())
      .filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind) && o.metadata.name === 'rasa-minter');
    kubectl(['apply', '-f', '-'], rbac.map((o) => JSON.stringify(o)).join('\n'));
    const token = kubectl(['create', 'token', 'rasa-minter', '-n', namespace]).trim();
    const sa = tmp('sa');
    writeFileSync(join(sa, 'token'), token);
    writeFileSync(join(sa, 'namespace'), namespace);
    writeFileSync(join(sa, 'ca.crt'), cluster.ca);
    const server = new URL(cluster.server);
    const podEnv = {
      PATH: process.env.PATH, RASA_SOCKETIO_JWT_KEY: KEY, MINTER_SERVICE_ACCOUNT_DIR: sa,
      KUBERNETES_SERVICE_HOST: server.hostname, KUBERNETES_SERVICE_PORT: server.port,
    };
    const roundTrips = [];
    for (let i = 0; i < 20; i++) roundTrips.push(await roundTrip(server, namespace, cluster.ca, token));
    const rtt = median(roundTrips.slice(5));
    const mib = (kib) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
    row('4 minter', `one API round trip (GET, warm connection excluded; ${cluster.name})`, fmtMs(rtt), '', '', '');
    // The target of each widget count; one widget's names its bound in ms once node -e 0 is measured.
    const target = (n, base) => ({ 1: `<= 3 x + RTT${base === undefined ? '' : ` (${fmtMs(3 * base + rtt)})`}, <= 64 MiB`, 100: 'report', 1000: '<= 4 x, <= 96 MiB' })[n];
    for (const n of [1, 100, 1000]) {
      const input = join(tmp('input'), 'minter.json');
      writeFileSync(input, JSON.stringify(minterInput(n)));
      const probe = spawnSync(NODE, ['chart/files/minter.mjs', input], { cwd: root, env: podEnv, encoding: 'utf8' });
      if (probe.status !== 0) {
        row('4 minter', `${n} widget(s): refused, exit ${probe.status}`, probe.stdout.trim().split('\n').at(-1), '', '', target(n));
        continue;
      }
      // node -e 0 in turn with the minter, as in sections 1 and 2: measured once beforehand, a
      // moment of load moved every ratio of the section (72 ms against 41-48 in other runs).
      // Each widget count gets its own pairing, as all three write the one ConfigMap the Role names.
      const [base, run] = measureInterleaved([{ command: NODE, args: ['-e', '0'] }, { command: NODE, args: ['chart/files/minter.mjs', input], env: podEnv }]);
      row('4 minter', `${n} widget(s): wall, peak RSS ${mib(run.rssKiB)}`, fmtMs(run.ms), `node -e 0 ${fmtMs(base.ms)}, RSS ${mib(base.rssKiB)}`,
        fmtRatio(run.ms / base.ms), target(n, base.ms));
      if (n === 1000) {
        // The runs above re-apply the same data (no iat: the same key and claims give the same
        // tokens), which the API server compares and does not store; a new key changes every value.
        const written = JSON.parse(kubectl(['get', 'configmap', 'rasa-widgets', '-n', namespace, '-o', 'json']));
        const same = await writeAlone(server, namespace, cluster.ca, token, written, false);
        const changed = await writeAlone(server, namespace, cluster.ca, token, written, true);
        const vsNode = `node -e 0 ${fmtMs(base.ms)}`;
        // A minter can take no less than a Node start and this write: the floor of the figure above.
        row('4 minter', 'the minter\'s write of the 1000 widgets alone, the same data again (as above; connection open)', fmtMs(same),
          vsNode, fmtRatio(same / base.ms), 'report');
        row('4 minter', 'floor of 1000 widgets: node -e 0 and that write', fmtMs(base.ms + same), vsNode, fmtRatio((base.ms + same) / base.ms), 'report');
        row('4 minter', 'the same write changing every value (a new key)', fmtMs(changed), vsNode, fmtRatio(changed / base.ms), 'report');
      }
    }
  } finally {
    spawnSync(cluster.kubectl, ['--kubeconfig', cluster.kubeconfig, 'delete', 'namespace', namespace, '--wait=false'], { stdio: 'ignore' });
    cluster.stop();
  }
}

/** The current context's server and CA of a kubeconfig, and kubectl from PATH. */
function sharedCluster(kubeconfig) {
  const config = parseAllDocuments(readFileSync(kubeconfig, 'utf8'))[0].toJS();
  const context = config.contexts.find((c) => c.name === config['current-context']).context;
  const { cluster } = config.clusters.find((c) => c.name === context.cluster);
  const ca = cluster['certificate-authority-data'] ? Buffer.from(cluster['certificate-authority-data'], 'base64')
    : readFileSync(join(dirname(kubeconfig), cluster['certificate-authority']));
  return { name: `RSJ_TEST_KUBECONFIG ${kubeconfig}`, kubeconfig, server: cluster.server, ca, kubectl: 'kubectl', stop: () => {} };
}

function startTestbed() {
  if (spawnSync('bash', ['scripts/testbed/build.sh', '--check'], { cwd: root }).status !== 0) return undefined;
  const dir = tmp('testbed');
  execFileSync('bash', ['scripts/testbed/start.sh', dir], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
  const env = Object.fromEntries(readFileSync(join(dir, 'env'), 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return {
    name: 'a test bed of this run', kubeconfig: env.KUBECONFIG, server: env.TESTBED_SERVER, ca: readFileSync(join(dir, 'ca.crt')), kubectl: env.TESTBED_KUBECTL,
    stop: () => {
      execFileSync('bash', ['scripts/testbed/stop.sh', dir], { cwd: root, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function roundTrip(server, namespace, ca, token) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(new URL(`/api/v1/namespaces/${namespace}/configmaps/rasa-widgets`, server), {
      ca, headers: { Authorization: `Bearer ${token}` }, agent: false,
    }, (res) => { res.resume(); res.on('end', () => resolve(performance.now() - started)); });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Median time (ms) of the minter's write alone: its applyConfigMap (one server-side apply of the
 * whole ConfigMap, metadata asked back) from a process that has already connected, as its
 * ServiceAccount, with no retry. The ConfigMap's data again, or (`change`) writes alternating
 * between it and the same with every value changed, so that each replaces every value.
 */
async function writeAlone(server, namespace, ca, token, configMap, change) {
  const conn = { server: server.href, ca, token: () => token, identity: 'the bench, as the minter' };
  const { name, labels = {} } = configMap.metadata;
  const changed = Object.fromEntries(Object.entries(configMap.data).map(([k, v]) => [k, `${v}\n`]));
  const targets = [{ namespace, name, labels, data: changed }, { namespace, name, labels, data: configMap.data }];
  const once = { ...DEFAULT_RETRY_POLICY, attempts: 1 };
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    await applyConfigMap(conn, targets[change ? i % 2 : 1], { policy: once });
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return median(times);
}

function minterInput(n) {
  return {
    configMap: 'rasa-widgets', labels: {}, keyEnv: 'RASA_SOCKETIO_JWT_KEY', method: 'HS256',
    widgets: Array.from({ length: n }, (_, i) => ({
      name: `widget-${i}`, url: 'https://bot.example.com', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', initialPayload: '',
    })),
  };
}

// 5. The most widgets one ConfigMap holds (names widget-<i>, default claims, an https origin).
async function benchCapacity() {
  const key = signingKey(KEY, 'bench');
  const fits = async (n) => {
    try {
      await mintWidgets(parseMinterInput(minterInput(n)), key, Date.now());
      return true;
    } catch (error) {
      if (error.code === 'ERR_MINT_TOO_LARGE') return false;
      throw error;
    }
  };
  let lo = 1;
  let hi = 4096;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await fits(mid)) lo = mid; else hi = mid - 1;
  }
  const refusal = await mintWidgets(parseMinterInput(minterInput(lo + 1)), key, Date.now()).catch((e) => e.message);
  const { data } = await mintWidgets(parseMinterInput(minterInput(lo)), key, Date.now());
  row('5 capacity', `widgets in one ConfigMap: ${lo} (${checkConfigMapSize(data, 'x')} bytes)`, String(lo), '', '', '>= 1000');
  row('5 capacity', `refusal at ${lo + 1}`, String(refusal), '', '', '');
}

// 6. Install to first reply on the real cluster. Starting Rasa takes minutes, so the figure is the
// one the last e2e run measured (npm run test:e2e writes artifacts/e2e/report.json), not a new run.
function benchInstallToReply() {
  const report = join(root, 'artifacts/e2e/report.json');
  if (!existsSync(report)) return row('6 real cluster', 'skipped: no artifacts/e2e/report.json (run npm run test:e2e)', '', '', '', '');
  const { paths, hookCost } = JSON.parse(readFileSync(report, 'utf8'));
  const when = statSync(report).mtime.toISOString().slice(0, 16).replace('T', ' ');
  const fmtS = (s) => (s === null || s === undefined ? 'n/a' : `${s.toFixed(1)} s`);
  for (const [path, what] of [['helm-install', 'helm install --wait'], ['gitops-apply', 'kubectl apply of synth'], ['cdk8s-app', 'cdk8s synth + kubectl apply']]) {
    const p = paths[path];
    if (!p) continue;
    row('6 real cluster', `${what} to first reply (e2e run of ${when}${p.passed ? '' : ', FAILED'})`, fmtS(p.secondsToFirstReply),
      `to Rasa Ready ${fmtS(p.secondsToReady)}`, p.secondsToFirstReply && p.secondsToReady ? fmtRatio(p.secondsToFirstReply / p.secondsToReady) : '', 'report');
  }
  // What our Jobs add to helm install --wait (test/e2e/hook-cost.test.ts), on less off: the minter (a
  // plain Job beside the Deployment) from Ready to helm's exit; the key generator (a pre-install
  // hook, only with socketio.jwtKey.generate) the wait before the Deployment appears.
  if (hookCost) {
    const off = `both off: to Ready ${fmtS(hookCost.hooksOff?.secondsToReady)}`;
    row('6 real cluster', `the minter Job's cost to helm install --wait, the defaults (e2e run of ${when}): Ready to helm's exit`,
      fmtS(hookCost.secondsAddedAfterReady), off, '', `<= ${hookCost.goalSeconds} s`);
    row('6 real cluster', `with socketio.jwtKey.generate, the key generator hook's too: before Rasa ${fmtS(hookCost.secondsAddedBeforeRasa)}`,
      fmtS(hookCost.secondsAdded), off, '', `<= ${hookCost.goalSeconds} s`);
  }
}

// 7. Reading and checking big values files, whole process: the CLI's synth and helm template, for
// 1,000 widgets (they fit one ConfigMap, so both render) and 10,000 (refused for the ConfigMap's
// size before anything is built, as they must be). Linear means the 10,000 case costs at most 10 x
// the 1,000 one once the process start (node -e 0) is taken out of both.
function benchValuesAtScale() {
  const dir = tmp('scale');
  const file = (n) => {
    const path = join(dir, `${n}-widgets.yaml`);
    const widgets = Array.from({ length: n }, (_, i) => `  - name: widget-${i}\n    url: https://bot.example.com\n`);
    writeFileSync(path, `widgets:\n${widgets.join('')}`);
    return path;
  };
  const [small, large] = [file(1000), file(10000)];
  const synthArgs = (path) => [CLI, 'synth', '-f', path, '-o', tmp('scale-out'), '--namespace', 'default'];
  const refusal = spawnSync(NODE, synthArgs(large), { cwd: root, encoding: 'utf8' });
  const message = refusal.stderr.split('\n').find((l) => l.includes("'widgets' would make")) ?? '';
  if (refusal.status !== 2 || !message.includes('of the 10000 widgets fit')) {
    throw new Error(`synth of 10,000 widgets should be refused for the ConfigMap's size (exit 2), got exit ${refusal.status}: ${refusal.stderr}`);
  }
  // 1,000 widgets fitted one ConfigMap until the snippets grew (section 5 says how many fit now).
  const smallStatus = spawnSync(NODE, synthArgs(small), { cwd: root }).status;
  const [base, synth1k, synth10k] = measureInterleaved([
    { command: NODE, args: ['-e', '0'] },
    { command: NODE, args: synthArgs(small), status: smallStatus },
    { command: NODE, args: synthArgs(large), status: 2 },
  ]);
  const baseline = `node -e 0 ${fmtMs(base.ms)}`;
  row('7 values at scale', `synth, 1,000 widgets (${smallStatus === 0 ? 'renders' : `refused: exit ${smallStatus}, ConfigMap size`})`, fmtMs(synth1k.ms), baseline, fmtRatio(synth1k.ms / base.ms), 'report');
  row('7 values at scale', 'synth, 10,000 widgets (refused: exit 2, ConfigMap size)', fmtMs(synth10k.ms), baseline, fmtRatio(synth10k.ms / base.ms), '<= 1000 ms');
  const [less10k, less1k] = [synth10k.ms - base.ms, synth1k.ms - base.ms];
  row('7 values at scale', '10,000 / 1,000 widgets, each less node -e 0', `${fmtMs(less10k)} / ${fmtMs(less1k)}`, '', fmtRatio(less10k / less1k), '<= 10 x (linear)');
  const [, bytes, fit] = /about (\d+) bytes.*(the first \d+ of the \d+ widgets fit)/.exec(message);
  row('7 values at scale', 'refusal at 10,000 widgets', `about ${bytes} bytes: ${fit}`, '', '', '');
  const helm1k = measure('helm', ['template', 'bench', 'chart', '-f', small], process.env, smallStatus === 0 ? 0 : 1);
  const helm10k = measure('helm', ['template', 'bench', 'chart', '-f', large], process.env, 1);
  row('7 values at scale', `helm template, 1,000 widgets (${smallStatus === 0 ? 'renders' : 'refused'})`, fmtMs(helm1k.ms), '', '', 'report');
  row('7 values at scale', 'helm template, 10,000 widgets (refused)', fmtMs(helm10k.ms), '', '', 'report');
}

// A section that fails says so in its row; the others still run and the table is printed.
// BENCH_SECTIONS=2,4 runs those sections alone.
const only = process.env.BENCH_SECTIONS?.split(',').map((n) => n.trim());
for (const [section, bench] of [['1 synth', benchSynth], ['2 helm template', benchHelm], ['3 signing', benchSigning], ['4 minter', benchMinter],
  ['5 capacity', benchCapacity], ['6 real cluster', benchInstallToReply], ['7 values at scale', benchValuesAtScale]]) {
  if (only && !only.includes(section.split(' ')[0])) continue;
  try {
    await bench();
  } catch (error) {
    row(section, 'FAILED', String(error.message).replace(/\s*\n\s*/g, ' '), '', '', '');
  }
}

const headers = ['section', 'what', 'value', 'baseline', 'ratio', 'target'];
const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(`${new Date().toISOString().slice(0, 10)}, ${RUNS} runs after ${WARMUP} warm-ups, medians; Node ${process.version}, helm ${helmVersion.stdout.trim()}`);
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(headers.map((h) => r[h])));
