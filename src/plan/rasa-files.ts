import { createHash } from 'node:crypto';
import { Document, visit } from 'yaml';
import { goYamlDoubleQuotes, type Settings } from '../settings/index.js';

/** Where the ConfigMap with credentials.yml and endpoints.yml is mounted in the Rasa container. */
export const CONFIG_DIR = '/etc/rasa';

/**
 * YAML written the way Helm's toYaml writes it (keys sorted, lists not indented, go-yaml's YAML 1.1
 * quoting so that "on" or "yes" stay strings), so that the chart and the constructs produce the
 * same files, byte for byte. Not yet alike: go-yaml folds a string longer than 80 columns at its
 * spaces, and this writes it on one line (same data, other text, so another config checksum).
 */
function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', sortMapEntries: true });
  // go-yaml double-quotes a string that would read back as another type ("yes", "010", "true"),
  // and single-quotes one that only cannot be plain ("- item", "a: b").
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && goYamlDoubleQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/**
 * credentials.yml. The socketio key is named as `${ENV}` and must stay an UNQUOTED scalar: Rasa
 * expands environment variables only in plain scalars, and a quoted "${ENV}" would become the
 * literal key "${ENV}", a key anyone reading this file knows.
 * Twin: the chart's "rasa.credentials" helper.
 */
export function credentialsYaml(s: Settings): string {
  const io = s.socketio;
  const socketio: Record<string, unknown> = {
    user_message_evt: io.userMessageEvt,
    bot_message_evt: io.botMessageEvt,
    session_persistence: io.sessionPersistence,
    socketio_path: io.socketioPath,
    jwt_key: `\${${io.jwtKey.envName}}`,
    jwt_method: io.jwtMethod,
  };
  if (io.namespace) socketio.namespace = io.namespace;
  const text = toYaml({ ...s.channels, socketio });
  const keyLine = `  jwt_key: \${${io.jwtKey.envName}}\n`;
  if (!text.includes(keyLine)) {
    throw new Error(`credentials.yml lost the unquoted jwt_key line (${keyLine.trim()}); refusing to render`);
  }
  return text;
}

/**
 * endpoints.yml: the model server, if any, and the user's other endpoints.
 * Twin: the chart's "rasa.endpoints" helper.
 */
export function endpointsYaml(s: Settings): string {
  const endpoints: Record<string, unknown> = { ...s.rasa.endpoints };
  if (s.rasa.model.serverUrl) {
    endpoints.models = { url: s.rasa.model.serverUrl, wait_time_between_pulls: s.rasa.model.waitTimeBetweenPulls };
  }
  return toYaml(endpoints);
}

/**
 * The pod template carries this checksum so that a changed ConfigMap rolls the pods.
 * Twin: the chart's "rasa.configChecksum" helper, which hashes the same bytes.
 */
export function configChecksum(files: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\n${files[name]}\n`);
  return hash.digest('hex');
}
