// Helpers for the end-to-end tests on the real single-node cluster: waiting with progress on
// stderr, the namespace's events and logs when something fails, helm and kubectl that may take
// minutes, and port-forwards to the Rasa Service.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { HELM } from '../chart/helm.js';
import { clusterState } from '../cluster/testbed.js';
import { kubeconfigPath, kubectl, kubectlResult, run } from '../cluster/support.js';
import { ARTIFACTS } from './report.js';

const state = clusterState();

/**
 * `describe` where the e2e tests can run: a cluster with a kubelet (the local test bed, or the
 * user's own through RSJ_TEST_KUBECONFIG with the test images loaded) and helm. Without them
 * the global set-up has said why; in CI it failed the run instead.
 */
export const describeE2E = state.mode !== 'unavailable' && HELM ? describe : describe.skip;

/** Long steps log here so that a slow run can be read as it goes. */
export function progress(message: string): void {
  process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Polls `check` until it returns a value other than undefined, printing what it waits for every
 * ten seconds; fails after `timeoutMs` with the last thing `check` said was missing.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 1000): Promise<T> {
  const started = Date.now();
  let lastReport = started;
  progress(`waiting for ${what}`);
  for (;;) {
    const value = await check();
    const waited = Date.now() - started;
    if (value !== undefined) {
      progress(`${what}: after ${(waited / 1000).toFixed(1)}s`);
      return value;
    }
    if (waited > timeoutMs) throw new Error(`timed out after ${(waited / 1000).toFixed(0)}s waiting for ${what}`);
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      progress(`still waiting for ${what} (${(waited / 1000).toFixed(0)}s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** helm against the test cluster, asynchronously (it waits for hooks and, with --wait, for pods). */
export async function helm(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  progress(`helm ${args.join(' ')}`);
  const started = Date.now();
  const result = await run(HELM!, [...args, '--kubeconfig', kubeconfigPath()], process.env);
  progress(`helm ${args[0]} exited ${result.status} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

/**
 * What helm said on stderr, less client-go's own log lines ("I1129 12:12:54.291316 6390
 * reflector.go:578] ..."): those report a watch that the API server ended and client-go resumed,
 * which happens on a busy server and is no message of helm's or the chart's.
 */
export function helmMessages(stderr: string): string {
  return stderr.split('\n').filter((line) => !/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ \S+:\d+\] /.test(line)).join('\n');
}

/** The Deployment's pods all Ready and up to date, as `kubectl rollout status` decides. */
export async function rolloutReady(namespace: string, deployment: string, timeoutMs = 600_000): Promise<void> {
  await waitFor(`deployment ${namespace}/${deployment} rolled out and Ready`, () => {
    const status = kubectlResult(['rollout', 'status', `deployment/${deployment}`, '-n', namespace, '--watch=false']);
    return status.status === 0 && /successfully rolled out/.test(status.stdout) ? true : undefined;
  }, timeoutMs, 2000);
}

/** Events, pod states and every container's log (current and previous) of a namespace. */
export function namespaceDiagnostics(namespace: string): string {
  const section = (title: string, args: string[]) => {
    const result = kubectlResult(args);
    return `--- ${title}\n${result.stdout}${result.stderr}`;
  };
  const parts = [
    section('pods', ['get', 'pods', '-n', namespace, '-o', 'wide']),
    section('jobs', ['get', 'jobs', '-n', namespace]),
    section('events', ['get', 'events', '-n', namespace, '--sort-by=.lastTimestamp']),
  ];
  const pods = kubectlResult(['get', 'pods', '-n', namespace, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}']).stdout
    .split('\n').filter(Boolean);
  for (const pod of pods) {
    parts.push(section(`logs ${pod}`, ['logs', pod, '-n', namespace, '--all-containers', '--tail=200']));
    const previous = kubectlResult(['logs', pod, '-n', namespace, '--all-containers', '--previous', '--tail=100']);
    if (previous.status === 0 && previous.stdout) parts.push(`--- previous logs ${pod}\n${previous.stdout}`);
  }
  return parts.join('\n');
}

/**
 * Runs `body`; when it throws, prints the namespace's events and pod logs (and keeps them in
 * artifacts/e2e/<namespace>.log) before passing the error on.
 */
export async function withDiagnostics<T>(namespace: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const dump = namespaceDiagnostics(namespace);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}/${namespace}.log`, dump);
    process.stderr.write(`\n[e2e] FAILED in namespace ${namespace}; its events and logs:\n${dump}\n`);
    throw error;
  }
}

/** Deletes a namespace without waiting: the namespace controller finalizes it in the background. */
export function deleteNamespace(namespace: string | undefined): void {
  if (namespace) kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
}

/** A running `kubectl port-forward`; `url` is http://127.0.0.1:<local port>. */
export interface PortForward {
  readonly url: string;
  stop(): void;
}

/**
 * `kubectl port-forward <target> <localPort>:<remotePort>` as a user runs it to reach the bot
 * from a laptop (localPort 0 picks a free one). Resolves once kubectl says it forwards.
 */
export function portForward(namespace: string, target: string, remotePort: number, localPort = 0): Promise<PortForward> {
  const binary = state.mode === 'unavailable' ? 'kubectl' : state.kubectl;
  const child: ChildProcess = spawn(binary, ['--kubeconfig', kubeconfigPath(), 'port-forward', '-n', namespace, '--address', '127.0.0.1', target, `${localPort}:${remotePort}`],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`kubectl port-forward ${target}: not forwarding after 30s: ${stderr}`)); }, 30_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`kubectl port-forward ${target} exited ${code}: ${stderr}`)); });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${match[1]}`, stop: () => child.kill() });
    });
  });
}

/** The data of a ConfigMap, or undefined when it does not exist (yet). */
export function configMapData(namespace: string, name: string): Record<string, string> | undefined {
  const result = kubectlResult(['get', 'configmap', name, '-n', namespace, '-o', 'json']);
  if (result.status !== 0) return undefined;
  return (JSON.parse(result.stdout) as { data?: Record<string, string> }).data ?? {};
}

/** Creates the Secret the chart's defaults name (rasa-socketio-jwt, key jwt-key), as the README tells a user to. */
export function createKeySecret(namespace: string, key: string): void {
  kubectl(['create', 'secret', 'generic', 'rasa-socketio-jwt', '-n', namespace, `--from-literal=jwt-key=${key}`]);
}

/** The JWT key in a Secret, as the pods get it. */
export function secretValue(namespace: string, name: string, key: string): string {
  const encoded = kubectl(['get', 'secret', name, '-n', namespace, '-o', `jsonpath={.data.${key.replaceAll('.', '\\.')}}`]);
  return Buffer.from(encoded, 'base64').toString('utf8');
}
