import type { RequestOptions } from 'node:https';
import type { KubeConnection } from '../minter/index.js';
import { CliError, EXIT } from './errors.js';

/**
 * A connection from the user's kubeconfig (KUBECONFIG, else ~/.kube/config, else in-cluster),
 * through @kubernetes/client-node, so every auth method it knows works, for the same writer
 * the in-cluster minter uses.
 */
export async function kubeconfigConnection(env: NodeJS.ProcessEnv): Promise<KubeConnection> {
  // Loaded here, not at the top: it takes half a second to import, which every other command
  // (synth in a GitOps pipeline above all) would pay for nothing.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    // One file named by the environment we were given; a list (a:b) or none: client-node's default.
    if (env.KUBECONFIG && !env.KUBECONFIG.includes(':')) kc.loadFromFile(env.KUBECONFIG);
    else kc.loadFromDefault();
  } catch (cause) {
    throw new CliError(`cannot load a kubeconfig: ${(cause as Error).message}`, { code: 'ERR_KUBECONFIG', exitCode: EXIT.FAILURE, cause });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new CliError('the kubeconfig has no current cluster: set KUBECONFIG or run kubectl config use-context', {
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
    identity: `the kubeconfig user ${kc.getCurrentUser()?.name ?? '(none)'}`,
  };
}
