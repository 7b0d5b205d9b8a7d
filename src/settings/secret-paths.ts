/**
 * Settings whose values may be secrets: the literal JWT key, and the free-form documents, env vars
 * and containers (whose env and args) where users put passwords and tokens (a tracker store's
 * password, a Slack token). Messages name these settings but never show their values, nor anything
 * nested under the literal key (text written after `literal:` by mistake is still the key).
 */
const SECRET_SETTINGS = ['socketio.jwtKey.literal', 'channels', 'rasa.endpoints', 'rasa.extraEnv', 'rasa.initContainers', 'rasa.sidecars'];
const KEY_SETTING = 'socketio.jwtKey.literal';

/** Whether the value at `path` ('channels.slack.slack_token', 'rasa.extraEnv[0].value') may be a secret. */
export function mayHoldSecret(path: string): boolean {
  return SECRET_SETTINGS.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
}

/** `path`, cut at the literal key: the names of anything nested under it would be parts of the key. */
export function shownPath(path: string): string {
  return path.startsWith(`${KEY_SETTING}.`) || path.startsWith(`${KEY_SETTING}[`) ? KEY_SETTING : path;
}
