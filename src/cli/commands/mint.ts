import { parseArgs } from 'node:util';
import { applyConfigMap, checkMethod, mintToken, mintWidgets, type Method } from '../../minter/index.js';
import { fullname, minterInput } from '../../plan/index.js';
import { deprecationWarnings, resolveSettings } from '../../settings/index.js';
import { warningLines, type Command } from '../command.js';
import { usageError } from '../errors.js';
import { KEY_OPTIONS, readKey } from '../key-source.js';
import { kubeconfigConnection, onCluster } from '../kubeconfig.js';
import { readValuesFiles } from '../values-files.js';

export const mint: Command = {
  name: 'mint',
  usage: `rasa-socketio-jwt mint (--key-file FILE | --key-env VAR) [--sender-id ID] [--claims JSON]
                       [--expires-in D] [--method M]
rasa-socketio-jwt mint (--key-file FILE | --key-env VAR) --to-configmap NAME -n NS
                       [-f values.yaml]... [--release NAME]

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
  --release NAME      release name, for the labels and default URLs (default: rasa)`,

  async run(argv, env) {
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
      },
      strict: true,
      allowPositionals: false,
    });
    const now = Date.now();

    if (o['to-configmap'] !== undefined) {
      for (const single of ['sender-id', 'claims', 'expires-in', 'method'] as const) {
        if (o[single] !== undefined) throw usageError(`--${single} does not go with --to-configmap: the widgets come from the values`);
      }
      const namespace = o.namespace;
      if (!namespace) throw usageError('--to-configmap needs -n NAMESPACE');
      const settings = resolveSettings(...readValuesFiles(o.values));
      // The very input the plan gives the minter Job (and the chart its twin), for this ConfigMap.
      const input = minterInput(settings, o.release, o['to-configmap']);
      const result = await mintWidgets(input, readKey(o, env, input.method), now);
      const conn = await kubeconfigConnection(env);
      const lines: string[] = [];
      const { resourceVersion } = await onCluster(conn, () => applyConfigMap(conn, {
        namespace, name: input.configMap, labels: input.labels, data: result.data,
      }, { log: (line) => lines.push(line) }));
      lines.push(`wrote ConfigMap ${namespace}/${input.configMap} for ${fullname(settings, o.release)}: ` +
        `${input.widgets.length} widget(s), key fingerprint ${result.keyFingerprint}, resourceVersion ${resourceVersion}`);
      return { stderr: `${warningLines(deprecationWarnings(settings))}${lines.join('\n')}\n` };
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

function parseClaims(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw usageError(`--claims is not JSON: ${(cause as Error).message}`);
  }
}
