import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConnection } from './connection.js';

/** Where the kubelet mounts a pod's service account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The connection a pod has: API server from KUBERNETES_SERVICE_HOST/PORT, token, CA and namespace
 * from the service account files. `program` names the pod's program in messages ("minter");
 * `dir` moves those files (tests lay them out under a temp dir).
 */
export function inClusterConnection(env: NodeJS.ProcessEnv, program: string, dir = SERVICE_ACCOUNT_DIR): { conn: KubeConnection; namespace: string } {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new Error(`KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: the ${program} runs inside a pod`);
  }
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      throw new Error(`cannot read the service account's ${name} in ${dir} (${(error as NodeJS.ErrnoException).code}): ` +
        `the ${program} pod needs its service account token mounted`, { cause: error });
    }
  };
  const namespace = read('namespace').trim();
  const token = () => read('token').trim();
  token();
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { conn: { server, ca: read('ca.crt'), token, identity: `the ${program}'s service account in ${namespace}` }, namespace };
}
