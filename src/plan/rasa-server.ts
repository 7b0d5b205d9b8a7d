import { API_TOKEN_ENV, hasModelServerToken, MODEL_SERVER_TOKEN_ENV, type ExtraEnv, type Settings } from '../settings/index.js';
import { demoOrigins } from './demo.js';
import { modelArg } from './model.js';
import { CONFIG_DIR } from './rasa-files.js';

/** An environment variable of a container, as Kubernetes spells it: a value, or a key of a Secret. */
export type EnvVar =
  | {
    /** The variable's name. */
    readonly name: string;
    /** Its value, as given. */
    readonly value: string;
  }
  | {
    /** The variable's name. */
    readonly name: string;
    /** Where its value comes from: one key of a Secret. */
    readonly valueFrom: {
      /** The Secret and the key in it whose value the variable gets. */
      readonly secretKeyRef: {
        /** The Secret's name. */
        readonly name: string;
        /** The key inside that Secret. */
        readonly key: string;
      };
    };
  };

/**
 * `rasa run` flags, which the key guard hands to `rasa` (the images' ENTRYPOINT, replaced by the
 * guard). Kubernetes expands $(VAR) in args from the container env, so the API token never sits
 * in a spec. --cors takes rasa.cors and the demo page's origins, each once.
 * Twin: the chart's "rasa.serverArgs" helper.
 */
export function rasaArgs(s: Settings): string[] {
  const args = [
    'run',
    '--port', String(s.rasa.port),
    '--credentials', `${CONFIG_DIR}/credentials.yml`,
    '--endpoints', `${CONFIG_DIR}/endpoints.yml`,
  ];
  const model = modelArg(s);
  if (model !== undefined) args.push('--model', model);
  if (s.rasa.api.enabled) args.push('--enable-api', '--auth-token', `$(${API_TOKEN_ENV})`);
  const cors = [...new Set([...s.rasa.cors, ...demoOrigins(s)])];
  if (cors.length > 0) args.push('--cors', ...cors);
  return [...args, ...s.rasa.extraArgs];
}

/**
 * The Rasa container's environment, in order: the JWT key from its Secret, the telemetry switch,
 * the licence, the API token and the model server's token (for endpoints.yml) when set, then the
 * user's extra variables.
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
  if (hasModelServerToken(s.rasa)) {
    const { secretName, secretKey } = s.rasa.model.serverToken;
    env.push(fromSecret(MODEL_SERVER_TOKEN_ENV, secretName, secretKey));
  }
  return [...env, ...extraEnvVars(s.rasa.extraEnv)];
}

/**
 * Variables of a section's extraEnv (rasa, actionServer), in order: a plain value, or a key of a
 * Secret.
 * Twin: the chart's "rasa.extraEnv" helper.
 */
export function extraEnvVars(extraEnv: readonly ExtraEnv[]): EnvVar[] {
  return extraEnv.map((e) => (e.secretName && e.secretKey
    ? { name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.secretKey } } }
    : { name: e.name, value: e.value ?? '' }));
}
