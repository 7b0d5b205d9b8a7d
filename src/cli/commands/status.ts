import { parseArgs } from 'node:util';
import { kubeJson, parseWidgetsIndex } from '../../minter/index.js';
import type { Command } from '../command.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { kubeconfigConnection, onCluster } from '../kubeconfig.js';
import { RELEASE_OPTIONS, RELEASE_USAGE, releasePlan } from '../release.js';
import { humanSeconds } from '../wait.js';

/** One widget's token as status reports it. */
interface TokenStatus {
  readonly name: string;
  readonly url: string;
  /** ISO 8601, or null for a token that never expires. */
  readonly expiresAt: string | null;
  /** Seconds until it expires (negative once it has); null for none. */
  readonly secondsLeft: number | null;
}

export const status: Command = {
  name: 'status',
  usage: `rasa-socketio-jwt status -n NS [--release NAME] [-f values.yaml]... [--configmap NAME] [--output text|json]

Reads the widgets ConfigMap the minter fills (<fullname>-widgets, or minter.configMapName) through
your kubeconfig and prints, for each widget, when its token expires and how long it has left, and
the fingerprint of the key that signed them (never the key). Exit 1 when a token has expired.

${RELEASE_USAGE}
  --configmap NAME    the ConfigMap, instead of the one the values name
  -o, --output F      text (the default) or json: one document on stdout, {namespace, configMap,
                      method, keyFingerprint, tokens: [{name, url, expiresAt, secondsLeft}]}
                      (expiresAt ISO 8601 and secondsLeft, negative once expired, or both null)

It makes one request and waits for nothing, so it has no progress to quiet.`,

  async run(argv, env) {
    const { values: o } = parseArgs({
      args: [...argv],
      options: { ...RELEASE_OPTIONS, configmap: { type: 'string' }, output: { type: 'string', short: 'o', default: 'text' } },
      strict: true,
      allowPositionals: false,
    });
    if (o.output !== 'text' && o.output !== 'json') throw usageError(`--output (${o.output}) must be text or json`);
    const plan = releasePlan(o);
    const namespace = plan.namespace;
    const name = o.configmap ?? plan.minter.outputName;
    const where = `ConfigMap ${namespace}/${name}`;
    const conn = await kubeconfigConnection(env);
    const found = await onCluster(conn, () => kubeJson<{ data?: Record<string, string> }>(conn, {
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`,
      what: where,
      permission: `get on configmaps in namespace ${namespace}`,
    }));
    if (found === undefined) {
      throw new CliError(`${where} does not exist: is the release ${plan.release} installed in ${namespace} (--release, -n), ` +
        'with the values that name it (-f)?', { code: 'ERR_NOT_FOUND', exitCode: EXIT.FAILURE });
    }
    const index = parseWidgetsIndex(found.data?.['index.json']);
    if (index === undefined) {
      throw new CliError(`${where} holds no index.json from the minter yet: has the minter Job run? ` +
        `(kubectl get jobs -n ${namespace} -l app.kubernetes.io/component=minter)`, { code: 'ERR_NOT_MINTED', exitCode: EXIT.FAILURE });
    }
    const now = Date.now();
    const tokens: TokenStatus[] = index.widgets.map((w) => ({
      name: w.name,
      url: w.url,
      expiresAt: w.expiresAt,
      secondsLeft: w.expiresAt === null ? null : Math.floor((Date.parse(w.expiresAt) - now) / 1000),
    }));
    const expired = tokens.some((t) => t.secondsLeft !== null && t.secondsLeft <= 0);
    const exitCode = expired ? EXIT.REFUSED : EXIT.OK;
    if (o.output === 'json') {
      const report = { namespace, configMap: name, method: index.method, keyFingerprint: index.keyFingerprint, tokens };
      return { stdout: `${JSON.stringify(report, null, 2)}\n`, exitCode };
    }
    const width = Math.max(...tokens.map((t) => t.name.length), 0);
    const lines = tokens.map((t) => `  ${t.name.padEnd(width)}  ${describeExpiry(t)}`);
    return {
      stdout: `${where}: ${tokens.length} widget token(s), signed with ${index.method}, key fingerprint ${index.keyFingerprint}\n` +
        lines.map((l) => `${l}\n`).join(''),
      exitCode,
    };
  },
};

function describeExpiry(t: TokenStatus): string {
  if (t.expiresAt === null || t.secondsLeft === null) return 'never expires';
  const at = t.expiresAt.replace(/\.\d{3}Z$/, 'Z');
  return t.secondsLeft > 0 ? `expires ${at} (in ${humanSeconds(t.secondsLeft)})` : `EXPIRED ${at} (${humanSeconds(-t.secondsLeft)} ago)`;
}
