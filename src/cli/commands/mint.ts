import { parseArgs } from 'node:util';
import { applyConfigMap, checkMethod, mintToken, mintWidgets, parseWidgetsIndex, type Method, type WidgetsIndex } from '../../minter/index.js';
import { fullname, minterInput } from '../../plan/index.js';
import { deprecationWarnings, resolveSettings } from '../../settings/index.js';
import { warningLines, type Command } from '../command.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { KEY_OPTIONS, readKey } from '../key-source.js';
import { kubeconfigConnection, onCluster } from '../kubeconfig.js';
import { readValuesFiles } from '../values-files.js';

export const mint: Command = {
  name: 'mint',
  usage: `rasa-socketio-jwt mint (--key-file FILE | --key-env VAR) [--sender-id ID] [--claims JSON]
                       [--expires-in D] [--method M]
rasa-socketio-jwt mint (--key-file FILE | --key-env VAR) --to-configmap NAME -n NS
                       [-f values.yaml]... [--release NAME] [--quiet] [--output text|json]

The first form prints one token that Rasa's socketio channel accepts. The second does what the
minter Job does, from outside the cluster through your kubeconfig: signs every widget of the values
and writes tokens and snippets into ConfigMap NS/NAME in one request.

  --key-file FILE     file holding the socketio jwt_key (one trailing newline is dropped)
  --key-env VAR       environment variable holding it
  --sender-id ID      sender_id claim (default: rasa-chat-widget)
  --claims JSON       the whole payload as a JSON object (instead of --sender-id)
  --expires-in D      lifetime: 30d, 12h, 90m, 3600s, 2w (default: no expiry)
  --method M          HS256, HS384 or HS512: the channel's jwt_method (default: HS256, or the values')
  --to-configmap NAME write the widgets of the values into this ConfigMap
  -n, --namespace NS  its namespace
  -f, --values FILE   values file (repeatable), as for synth
  --release NAME      release name, for the labels and default URLs (default: rasa)
  --quiet             with --to-configmap: no progress lines and no summary; warnings and errors still
  -o, --output F      with --to-configmap: text (the default: a summary on stderr) or json: one
                      document on stdout, {namespace, configMap, fullname, method, keyFingerprint,
                      resourceVersion, widgets: [{name, url, expiresAt}]} (expiresAt: ISO 8601 or null)

With --to-configmap it says on stderr what it waits for: the write, and each retry (network errors,
409, 429, 5xx are retried; 401 and 403 are not).`,

  async run(argv, env, io) {
    const { values: o } = parseArgs({
      args: [...argv],
      options: {
        ...KEY_OPTIONS,
        'sender-id': { type: 'string' },
        claims: { type: 'string' },
        'expires-in': { type: 'string' },
        method: { type: 'string' },
        'to-configmap': { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        values: { type: 'string', short: 'f', multiple: true, default: [] },
        release: { type: 'string', default: 'rasa' },
        quiet: { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
      },
      strict: true,
      allowPositionals: false,
    });
    const now = Date.now();

    if (o['to-configmap'] !== undefined) {
      for (const single of ['sender-id', 'claims', 'expires-in', 'method'] as const) {
        if (o[single] !== undefined) throw usageError(`--${single} does not go with --to-configmap: the widgets come from the values`);
      }
      const output = o.output ?? 'text';
      if (output !== 'text' && output !== 'json') throw usageError(`--output (${output}) must be text or json`);
      const namespace = o.namespace;
      if (!namespace) throw usageError('--to-configmap needs -n NAMESPACE');
      const settings = resolveSettings(...readValuesFiles(o.values));
      // The very input the plan gives the minter Job (and the chart its twin), for this ConfigMap.
      const input = minterInput(settings, o.release, o['to-configmap']);
      const result = await mintWidgets(input, readKey(o, env, input.method), now);
      const conn = await kubeconfigConnection(env);
      const say = o.quiet ? () => {} : (line: string) => io.progress(line);
      const where = `ConfigMap ${namespace}/${input.configMap}`;
      say(`writing ${where} on ${conn.server}: ${input.widgets.length} widget(s), in one server-side apply`);
      const { resourceVersion } = await onCluster(conn, () => applyConfigMap(conn, {
        namespace, name: input.configMap, labels: input.labels, data: result.data,
      }, { log: say }));
      const warnings = warningLines(deprecationWarnings(settings));
      const name = fullname(settings, o.release);
      if (output === 'json') {
        const written: MintedConfigMap = {
          namespace, configMap: input.configMap, fullname: name, method: input.method, keyFingerprint: result.keyFingerprint, resourceVersion,
          widgets: writtenIndex(result.data).widgets.map(({ name: widget, url, expiresAt }) => ({ name: widget, url, expiresAt })),
        };
        return { stdout: `${JSON.stringify(written, null, 2)}\n`, stderr: warnings };
      }
      const summary = `wrote ${where} for ${name}: ${input.widgets.length} widget(s), key fingerprint ${result.keyFingerprint}, ` +
        `resourceVersion ${resourceVersion}\n`;
      return { stderr: warnings + (o.quiet ? '' : summary) };
    }
    for (const only of ['quiet', 'output'] as const) {
      if (o[only] !== undefined && o[only] !== false) throw usageError(`--${only} goes with --to-configmap; one token is printed alone on stdout`);
    }

    if (o.values.length > 0) throw usageError('-f goes with --to-configmap; for one token give --sender-id or --claims');
    if (o['sender-id'] !== undefined && o.claims !== undefined) throw usageError('give --sender-id or --claims, not both');
    const claims = o.claims !== undefined ? parseClaims(o.claims) : { sender_id: o['sender-id'] ?? 'rasa-chat-widget' };
    const method: Method = checkMethod(o.method ?? 'HS256', '--method');
    const key = readKey(o, env, method);
    const { token } = await mintToken({ key, method, claims, expiresIn: o['expires-in'] ?? '', now, where: '--claims' });
    return { stdout: `${token}\n` };
  },
};

/** What `mint --to-configmap --output json` prints. */
interface MintedConfigMap {
  readonly namespace: string;
  readonly configMap: string;
  /** The release's fullname, the prefix of its objects' names. */
  readonly fullname: string;
  readonly method: string;
  /** The key's fingerprint (16 hex digits, as index.json and status give it), never the key. */
  readonly keyFingerprint: string;
  readonly resourceVersion: string;
  /** expiresAt: ISO 8601, or null for a token that never expires. */
  readonly widgets: ReadonlyArray<{ readonly name: string; readonly url: string; readonly expiresAt: string | null }>;
}

/** The index the minter wrote beside the tokens: what a script needs of them. */
function writtenIndex(data: Readonly<Record<string, string>>): WidgetsIndex {
  const index = parseWidgetsIndex(data['index.json']);
  if (index === undefined) throw new CliError('the minter wrote no index.json', { code: 'ERR_INTERNAL', exitCode: EXIT.FAILURE });
  return index;
}

function parseClaims(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw usageError(`--claims is not JSON: ${(cause as Error).message}`);
  }
}
