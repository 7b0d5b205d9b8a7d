import { createHash } from 'node:crypto';
import { hasModelServerToken, MODEL_SERVER_TOKEN_ENV, SettingsError, type Settings } from '../settings/index.js';
import { goYaml, GoYamlKeyOrderError } from './go-yaml.js';

/** Where the ConfigMap with credentials.yml and endpoints.yml is mounted in the Rasa container. */
export const CONFIG_DIR = '/etc/rasa';

/**
 * A file as the chart writes it: Helm's toYaml (ported in go-yaml.ts, byte for byte) under a `|`
 * block, which ends it with one newline. `setting` names the values it comes from, for the one
 * case the chart cannot render alike: keys whose order Helm's toYaml leaves to chance.
 */
function toYaml(value: unknown, setting: string): string {
  try {
    return `${goYaml(value)}\n`;
  } catch (error) {
    if (!(error instanceof GoYamlKeyOrderError)) throw error;
    // The chart cannot check this; unchanged, its config checksum (so the pods) would change at random.
    throw new SettingsError([`'${setting}': ${error.message}`]);
  }
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
  const text = toYaml({ ...s.channels, socketio }, 'channels');
  const keyLine = `  jwt_key: \${${io.jwtKey.envName}}\n`;
  if (!text.includes(keyLine)) {
    throw new Error(`credentials.yml lost the unquoted jwt_key line (${keyLine.trim()}); refusing to render`);
  }
  return text;
}

/**
 * endpoints.yml: the model server, if any, the action server at `actionEndpoint` when the chart
 * runs one (see actionEndpointUrl), and the user's other endpoints.
 * Twin: the chart's "rasa.endpoints" helper.
 */
export function endpointsYaml(s: Settings, actionEndpoint?: string): string {
  const endpoints: Record<string, unknown> = { ...s.rasa.endpoints };
  if (actionEndpoint !== undefined) endpoints.action_endpoint = { url: actionEndpoint };
  if (s.rasa.model.serverUrl) {
    const models: Record<string, unknown> = { url: s.rasa.model.serverUrl, wait_time_between_pulls: s.rasa.model.waitTimeBetweenPulls };
    // Unquoted, as jwt_key in credentials.yml: Rasa expands ${VAR} only in a plain scalar.
    if (hasModelServerToken(s.rasa)) models.token = `\${${MODEL_SERVER_TOKEN_ENV}}`;
    endpoints.models = models;
  }
  const text = toYaml(endpoints, 'rasa.endpoints');
  const tokenLine = `  token: \${${MODEL_SERVER_TOKEN_ENV}}\n`;
  if (hasModelServerToken(s.rasa) && !text.includes(tokenLine)) {
    throw new Error(`endpoints.yml lost the unquoted models.token line (${tokenLine.trim()}); refusing to render`);
  }
  return text;
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
