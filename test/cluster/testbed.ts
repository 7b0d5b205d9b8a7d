import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * How the cluster tests reach an API server, decided once by the global set-up and handed to the
 * test files through RSJ_CLUSTER (JSON): the local test bed, the user's own cluster, or none.
 */
export type ClusterState =
  | { readonly mode: 'testbed'; readonly dir: string; readonly kubeconfig: string; readonly server: string; readonly version: string; readonly kubectl: string }
  | { readonly mode: 'external'; readonly kubeconfig: string; readonly server: string; readonly kubectl: string }
  | { readonly mode: 'unavailable'; readonly reason: string };

export const STATE_ENV = 'RSJ_CLUSTER';

export function clusterState(): ClusterState {
  const raw = process.env[STATE_ENV];
  if (!raw) return { mode: 'unavailable', reason: 'the jest global set-up did not run' };
  return JSON.parse(raw) as ClusterState;
}

/** Where the test bed's binaries are, or undefined when they were never built on this machine. */
export function builtTestbed(): string | undefined {
  try {
    return execFileSync('bash', ['scripts/testbed/build.sh', '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Starts the single-node cluster under `dir`, with these image archives imported into its node;
 * returns the env lines start.sh writes. Progress goes to stderr as it happens.
 */
export function startTestbed(dir: string, images: readonly string[] = []): Record<string, string> {
  execFileSync('bash', ['scripts/testbed/start.sh', dir], {
    stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TESTBED_IMAGES: images.join(':') },
  });
  return parseEnvFile(readFileSync(`${dir}/env`, 'utf8'));
}

/**
 * Fails, listing them, when processes, mounts, network namespaces or iptables rules of the test bed
 * in `dir` (of any test bed without it) are left. With `dir`, other test beds running on the
 * machine (a developer's own) are not taken for this one's leftovers.
 */
export function checkClean(dir?: string): void {
  execFileSync('bash', ['scripts/testbed/check-clean.sh', ...(dir ? [dir] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
}

export function stopTestbed(dir: string): void {
  execFileSync('bash', ['scripts/testbed/stop.sh', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}
