import { API_TOKEN_ENV, type Settings } from '../settings/index.js';
import { CONFIG_DIR } from './rasa-files.js';

/** An environment variable of a container, as Kubernetes spells it: a value, or a key of a Secret. */
export type EnvVar =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } } };

/**
 * `rasa run` flags, which the key guard hands to `rasa` (the images' ENTRYPOINT, replaced by the
 * guard). Kubernetes expands $(VAR) in args from the container env, so the API token never sits
 * in a spec.
 * Twin: the chart's "rasa.serverArgs" helper.
 */
export function rasaArgs(s: Settings): string[] {
  const args = [
    'run',
    '--port', String(s.rasa.port),
    '--credentials', `${CONFIG_DIR}/credentials.yml`,
    '--endpoints', `${CONFIG_DIR}/endpoints.yml`,
  ];
  if (!s.rasa.model.serverUrl) args.push('--model', s.rasa.model.path);
  if (s.rasa.api.enabled) args.push('--enable-api', '--auth-token', `$(${API_TOKEN_ENV})`);
  if (s.rasa.cors.length > 0) args.push('--cors', ...s.rasa.cors);
  return [...args, ...s.rasa.extraArgs];
}

/**
 * The Rasa container's environment, in order: the JWT key from its Secret, the telemetry switch,
 * the licence and the API token when set, then the user's extra variables.
 * Twin: the chart's "rasa.serverEnv" helper.
 */
export function rasaEnv(s: Settings): EnvVar[] {
  const fromSecret = (name: string, secretName: string, key: string): EnvVar =>
    ({ name, valueFrom: { secretKeyRef: { name: secretName, key } } });
  const key = s.socketio.jwtKey;
  const env: EnvVar[] = [
    fromSecret(key.envName, key.secretName, key.secretKey),
    { name: 'RASA_TELEMETRY_ENABLED', value: String(s.rasa.telemetryEnabled) },
  ];
  const { license, api } = s.rasa;
  if (license.secretName) env.push(fromSecret(license.envName, license.secretName, license.secretKey));
  if (api.enabled) env.push(fromSecret(API_TOKEN_ENV, api.tokenSecretName, api.tokenSecretKey));
  for (const e of s.rasa.extraEnv) {
    env.push(e.secretName && e.secretKey ? fromSecret(e.name, e.secretName, e.secretKey) : { name: e.name, value: e.value ?? '' });
  }
  return env;
}
