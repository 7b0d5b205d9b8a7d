import { existsSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConnection } from '../minter/index.js';
import { CliError, EXIT } from './errors.js';

/** What a user can do about a wrong or missing cluster; every message about one ends with it. */
export const POINT_ELSEWHERE = 'to use another cluster, set KUBECONFIG=/path/to/kubeconfig or run `kubectl config use-context NAME`';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where the kubeconfig comes from, in the order client-node (and kubectl) look. */
export type KubeconfigSource =
  | { readonly kind: 'env'; readonly files: readonly string[] }
  | { readonly kind: 'home'; readonly file: string }
  | { readonly kind: 'in-cluster' };

/**
 * The kubeconfig files kubectl reads, in its order: KUBECONFIG's list (empty entries skipped) when
 * it is set, else ~/.kube/config. They need not exist; the callers say what a missing one means.
 */
export function kubeconfigFiles(env: NodeJS.ProcessEnv, home: string): readonly string[] {
  return env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(home, '.kube', 'config')];
}

/**
 * Finds the kubeconfig the way kubectl does (KUBECONFIG, else ~/.kube/config, else a pod's
 * service account), and refuses up front when there is none or KUBECONFIG names missing files:
 * client-node would otherwise fall back to http://localhost:8080 and fail with an error about TLS
 * that names neither the file nor the fix.
 */
export function kubeconfigSource(env: NodeJS.ProcessEnv, home = env.HOME || homedir(), inPod = existsSync(SERVICE_ACCOUNT_TOKEN)): KubeconfigSource {
  const files = kubeconfigFiles(env, home);
  if (env.KUBECONFIG) {
    const missing = files.filter((file) => !existsSync(file));
    if (missing.length === files.length) {
      throw new CliError(`KUBECONFIG names ${missing.join(', ')}, which does not exist; ${POINT_ELSEWHERE}`, {
        code: 'ERR_KUBECONFIG', exitCode: EXIT.FAILURE,
      });
    }
    return { kind: 'env', files };
  }
  const file = files[0]!;
  if (existsSync(file)) return { kind: 'home', file };
  if (env.KUBERNETES_SERVICE_HOST && inPod) return { kind: 'in-cluster' };
  throw new CliError(`no kubeconfig: KUBECONFIG is not set and ${file} does not exist (nor is this a pod with a service account); ` +
    `${POINT_ELSEWHERE}`, { code: 'ERR_KUBECONFIG', exitCode: EXIT.FAILURE });
}

function describeSource(source: KubeconfigSource): string {
  switch (source.kind) {
    case 'env': return `KUBECONFIG=${source.files.join(delimiter)}`;
    case 'home': return source.file;
    case 'in-cluster': return 'the pod\'s service account';
  }
}

/** What installs the cluster client, an optional peer dependency (its range in package.json). */
export const INSTALL_CLUSTER_CLIENT = 'npm install @kubernetes/client-node@^2.0.1';

/**
 * Loaded here, not at the top: it takes half a second to import, which every other command
 * (synth in a GitOps pipeline above all) would pay for nothing. It is an optional peer dependency,
 * so that a cdk8s app using the constructs does not install its 66 MB; without it only the
 * commands that talk to a cluster stop, and they say what to install.
 */
async function loadClientNode(): Promise<typeof import('@kubernetes/client-node')> {
  try {
    return await import('@kubernetes/client-node');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
      (cause as Error).message.includes("'@kubernetes/client-node'");
    if (!missing) throw cause;
    throw new CliError('this command talks to a cluster through @kubernetes/client-node, an optional peer dependency that is not installed; ' +
      `run \`${INSTALL_CLUSTER_CLIENT}\` where rasa-socketio-jwt is installed ` +
      '(with npx: npx -p rasa-socketio-jwt -p @kubernetes/client-node rasa-socketio-jwt ...)', {
      code: 'ERR_CLUSTER_CLIENT_MISSING', exitCode: EXIT.FAILURE, cause,
    });
  }
}

/**
 * A connection from the user's kubeconfig (KUBECONFIG, else ~/.kube/config, else in-cluster),
 * through @kubernetes/client-node, so every auth method it knows works, for the same writer
 * the in-cluster minter uses.
 */
export async function kubeconfigConnection(env: NodeJS.ProcessEnv): Promise<KubeConnection> {
  const { KubeConfig } = await loadClientNode();
  const source = kubeconfigSource(env);
  const kc = new KubeConfig();
  try {
    // One file named by the environment we were given; a list (a:b) or none: client-node's default.
    if (source.kind === 'env' && source.files.length === 1) kc.loadFromFile(source.files[0]!);
    else kc.loadFromDefault();
  } catch (cause) {
    throw new CliError(`cannot load the kubeconfig ${describeSource(source)}: ${(cause as Error).message}; ${POINT_ELSEWHERE}`, {
      code: 'ERR_KUBECONFIG', exitCode: EXIT.FAILURE, cause,
    });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new CliError(`the kubeconfig ${describeSource(source)} has no current cluster; ${POINT_ELSEWHERE}`, {
      code: 'ERR_KUBECONFIG', exitCode: EXIT.FAILURE,
    });
  }
  const opts: RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return {
    server: cluster.server,
    ...(opts.ca ? { ca: opts.ca as string | Buffer } : {}),
    ...(opts.cert ? { cert: opts.cert as string | Buffer } : {}),
    ...(opts.key ? { key: opts.key as string | Buffer } : {}),
    headers,
    identity: `the user ${kc.getCurrentUser()?.name ?? '(none)'} of context ${kc.getCurrentContext() || '(none)'} in ${describeSource(source)}`,
  };
}

/**
 * Runs requests against the cluster of `conn`. When they give up (the server unreachable, or
 * failing for every retry), the message says which kubeconfig, context and server were tried and
 * how to point at another, since a wrong current context is the usual cause.
 */
export async function onCluster<T>(conn: KubeConnection, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WRITE_FAILED') throw error;
    throw new CliError(`${(error as Error).message}. It tried ${conn.server} as ${conn.identity}; ${POINT_ELSEWHERE}`, {
      code: 'ERR_CLUSTER_UNREACHABLE', exitCode: EXIT.FAILURE, cause: error,
    });
  }
}
