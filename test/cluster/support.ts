import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { run as runProgram } from '../support/run.js';
import { clusterState } from './testbed.js';

const state = clusterState();

/** `describe` when an API server is there, `describe.skip` otherwise (never in CI: set-up fails). */
export const describeCluster = state.mode === 'unavailable' ? describe.skip : describe;

export function kubeconfigPath(): string {
  if (state.mode === 'unavailable') throw new Error(state.reason);
  return state.kubeconfig;
}

/** `describe` only on the local test bed, for tests that stop and start an API server of their own. */
export const describeLocalTestbed = state.mode === 'testbed' ? describe : describe.skip;

/** The admin of the shared API server, or of another one given by its kubeconfig. */
export function adminConfig(kubeconfig = kubeconfigPath()): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc;
}

export const core = (kubeconfig?: string) => adminConfig(kubeconfig).makeApiClient(CoreV1Api);

/** kubectl as the test harness's admin. */
/** The kubectl the test bed brings, or the one on PATH. */
function kubectlBinary(): string {
  return state.mode === 'unavailable' ? 'kubectl' : state.kubectl;
}

export function kubectl(args: readonly string[], input?: string, kubeconfig = kubeconfigPath()): string {
  return execFileSync(kubectlBinary(), ['--kubeconfig', kubeconfig, ...args], {
    encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** kubectl that may fail: its exit status and both streams. */
export function kubectlResult(args: readonly string[], input?: string, kubeconfig?: string): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: kubectl(args, input, kubeconfig), stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * A fresh namespace for one test file, labelled for Pod Security `restricted` unless asked
 * otherwise. Its "default" ServiceAccount is made here rather than awaited from the controller
 * manager (a pod that names none is refused until it exists); whichever comes first wins.
 */
export async function createNamespace(prefix: string, opts: { restricted?: boolean; kubeconfig?: string } = {}): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const labels: Record<string, string> = opts.restricted === false ? {} : {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': 'latest',
  };
  await core(opts.kubeconfig).createNamespace({ body: { metadata: { name, labels } } });
  try {
    await core(opts.kubeconfig).createNamespacedServiceAccount({ namespace: name, body: { metadata: { name: 'default' } } });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
  }
  return name;
}

/**
 * The files a pod of ServiceAccount `sa` sees under /var/run/secrets/kubernetes.io/serviceaccount
 * (token from the TokenRequest API, ca.crt, namespace), laid out under a temp dir, and the env
 * that points a program at the API server the way the kubelet does.
 */
export async function serviceAccountFiles(namespace: string, sa: string, kubeconfig?: string): Promise<{ dir: string; env: Record<string, string> }> {
  const request = await core(kubeconfig).createNamespacedServiceAccountToken({
    name: sa, namespace, body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const kc = adminConfig(kubeconfig);
  const cluster = kc.getCurrentCluster()!;
  const url = new URL(cluster.server);
  const dir = mkdtempSync(join(tmpdir(), 'rsj-sa-'));
  writeFileSync(join(dir, 'token'), request.status!.token!);
  writeFileSync(join(dir, 'namespace'), namespace);
  writeFileSync(join(dir, 'ca.crt'), cluster.caData ? Buffer.from(cluster.caData, 'base64') : execFileSync('cat', [cluster.caFile!]));
  return { dir, env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port || '443' } };
}

export { run } from '../support/run.js';

/**
 * The `kubectl wait` for the minter Job that helm's NOTES print after install and upgrade (when the
 * minter is no hook): the whole command, then its namespace, Job and timeout.
 */
export const NOTES_MINTER_WAIT = /^ {2}(kubectl -n (\S+) wait --for=condition=complete (job\/\S+) --timeout=(\S+))$/gm;

/**
 * Runs the `kubectl wait` for the minter Job that helm's NOTES print, as printed, against the test
 * cluster; returns the Job as `kubectl get -o name` names it.
 */
export async function waitAsNotesSay(helmStdout: string): Promise<string> {
  const commands = [...helmStdout.matchAll(NOTES_MINTER_WAIT)];
  expect(commands).toHaveLength(1);
  const [, , ns, job, timeout] = commands[0]!;
  const waited = await runProgram(kubectlBinary(), ['--kubeconfig', kubeconfigPath(), '-n', ns!, 'wait', '--for=condition=complete', job!, `--timeout=${timeout}`]);
  expect({ job, status: waited.status, stderr: waited.stderr }).toEqual({ job, status: 0, stderr: '' });
  return job!.replace('job/', 'job.batch/');
}
