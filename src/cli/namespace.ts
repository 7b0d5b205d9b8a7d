import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { parse } from 'yaml';
import { isDns1123Label } from '../settings/index.js';
import { usageError } from './errors.js';
import { kubeconfigFiles } from './kubeconfig.js';

/** The namespace a render goes into, and where it came from, for a line on stderr. */
export interface ResolvedNamespace {
  readonly namespace: string;
  /** `--namespace`, `HELM_NAMESPACE`, `context lab of ~/.kube/config`, or why it is `default`. */
  readonly source: string;
}

/**
 * The namespace as `helm template` and `helm install` resolve .Release.Namespace: the flag, else
 * $HELM_NAMESPACE, else the namespace of the kubeconfig's current context ($HELM_KUBECONTEXT
 * when set), else "default", Helm's own last resort. The kubeconfig is read as plain YAML (the
 * Kubernetes client takes half a second to load, and synth talks to no cluster); like Helm, an
 * unreadable one falls through to "default", and the source says why.
 */
export function resolveNamespace(flag: string | undefined, env: NodeJS.ProcessEnv, home = env.HOME || homedir()): ResolvedNamespace {
  const found: ResolvedNamespace = flag !== undefined ? { namespace: flag, source: '--namespace' }
    : env.HELM_NAMESPACE ? { namespace: env.HELM_NAMESPACE, source: 'HELM_NAMESPACE' }
      : contextNamespace(env, home);
  if (!isDns1123Label(found.namespace)) {
    const from = found.source.startsWith('context ') ? `the namespace of ${found.source}` : found.source;
    throw usageError(`${from} (${JSON.stringify(found.namespace)}) must be a namespace name: at most 63 lower-case letters, ` +
      "digits and '-', starting and ending with a letter or digit (e.g. --namespace chat)");
  }
  return found;
}

const LAST_RESORT = 'default';

/** The current context's namespace, merging KUBECONFIG's files as kubectl does: the first to set a name wins. */
function contextNamespace(env: NodeJS.ProcessEnv, home: string): ResolvedNamespace {
  const files = kubeconfigFiles(env, home);
  const configs: Array<{ file: string; config: Record<string, unknown> }> = [];
  for (const file of files.filter((f) => existsSync(f))) {
    let config: unknown;
    try {
      config = parse(readFileSync(file, 'utf8'));
    } catch {
      return { namespace: LAST_RESORT, source: `Helm's last resort: the kubeconfig ${file} cannot be read as YAML` };
    }
    if (config !== null && typeof config === 'object') configs.push({ file, config: config as Record<string, unknown> });
  }
  const where = env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : files[0]!;
  if (configs.length === 0) {
    return { namespace: LAST_RESORT, source: `Helm's last resort: no --namespace, no HELM_NAMESPACE and no kubeconfig at ${where}` };
  }
  const current = env.HELM_KUBECONTEXT || configs.map((c) => c.config['current-context']).find((c) => typeof c === 'string' && c !== '');
  if (typeof current !== 'string') {
    return { namespace: LAST_RESORT, source: `Helm's last resort: no --namespace, no HELM_NAMESPACE and no current context in ${where}` };
  }
  for (const { file, config } of configs) {
    const entry = (Array.isArray(config.contexts) ? config.contexts : [])
      .find((c: unknown) => (c as { name?: unknown } | null)?.name === current) as { context?: { namespace?: unknown } } | undefined;
    if (entry === undefined) continue;
    const namespace = entry.context?.namespace;
    return typeof namespace === 'string' && namespace !== ''
      ? { namespace, source: `context ${current} of ${file}` }
      : { namespace: LAST_RESORT, source: `Helm's last resort: no --namespace, no HELM_NAMESPACE, and context ${current} of ${file} sets none` };
  }
  return { namespace: LAST_RESORT, source: `Helm's last resort: no --namespace, no HELM_NAMESPACE, and no context ${current} in ${where}` };
}
