import { claimProblems } from './claims.js';
import { configMapSizeProblem } from './configmap-size.js';
import { LIFETIME, lifetimeProblem } from './lifetime.js';
import { isPlainObject } from './merge.js';
import { isDns1123Label, isDns1123Subdomain } from './names.js';
import type { JwtMethod, Settings } from './types.js';

/**
 * HMAC keys shorter than the hash are weak (RFC 7518 §3.2); PyJWT 2.10+ only warns, this product
 * refuses them. The shortest key any method takes is MIN_KEY_BYTES.
 */
export const KEY_BYTES_FOR: Readonly<Record<JwtMethod, number>> = { HS256: 32, HS384: 48, HS512: 64 };
export const MIN_KEY_BYTES = KEY_BYTES_FOR.HS256;

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Environment variable that carries the HTTP API token into `rasa run --auth-token`. */
export const API_TOKEN_ENV = 'RASA_API_AUTH_TOKEN';

/**
 * `rasa run` flags that turn the HTTP API on or set its token: only rasa.api may, so that the API
 * is never on without the token from its Secret. `-t` is --auth-token's short form.
 */
const API_FLAGS = /^(--enable-api|--auth-token|-t)(=|$)/;

/**
 * Rules the schema cannot say. One line per broken rule, each naming the setting and the fix.
 * The chart's `validateValues` helper says the same in the same words.
 */
export function ruleProblems(s: Settings): string[] {
  const problems: string[] = [];
  const add = (problem: string) => problems.push(problem);

  for (const field of ['nameOverride', 'fullnameOverride'] as const) {
    const value = s[field];
    if (value && !isDns1123Label(value)) add(notADnsLabel(field, value));
  }
  // A Service name is a DNS-1035 label; helm lint and the API server refuse one starting with a digit.
  if (/^[0-9]/.test(s.fullnameOverride)) {
    add(`'fullnameOverride' (${s.fullnameOverride}) starts with a digit: it names the Service, whose name must start with a letter ` +
      `(e.g. bot-${s.fullnameOverride})`);
  }

  const key = s.socketio.jwtKey;
  checkSecretRef(add, 'socketio.jwtKey.secretName', key.secretName, 'socketio.jwtKey.secretKey', key.secretKey,
    'the JWT key', 'without a key the socketio channel would be open to anyone');
  const literalBytes = Buffer.byteLength(key.literal, 'utf8');
  const needed = KEY_BYTES_FOR[s.socketio.jwtMethod] ?? MIN_KEY_BYTES;
  if (literalBytes > 0 && literalBytes < needed) {
    add(`'socketio.jwtKey.literal' is ${literalBytes} bytes: an ${s.socketio.jwtMethod} key needs at least ${needed} ` +
      `(--set socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal`);
  }

  if (key.generate && key.literal) {
    add(`'socketio.jwtKey.generate' and 'socketio.jwtKey.literal' are both set: let the cluster generate the key, ` +
      `or give it (--set socketio.jwtKey.generate=false)`);
  }

  if ('socketio' in s.channels) {
    add(`'channels.socketio' is not allowed: the socketio channel is configured under 'socketio', ` +
      `with its key from a Secret`);
  }
  for (const path of pathsOfKey(s.channels, 'jwt_key', 'channels')) {
    add(`'${path}' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); ` +
      `the socketio key comes from the Secret named by socketio.jwtKey.secretName`);
  }

  if ('models' in s.rasa.endpoints) {
    add(`'rasa.endpoints.models' is not allowed: set the model server with rasa.model.serverUrl`);
  }
  if (s.rasa.replicaCount > 1) {
    for (const store of ['tracker_store', 'lock_store']) {
      if (!(store in s.rasa.endpoints)) {
        add(`'rasa.replicaCount' is ${s.rasa.replicaCount} but 'rasa.endpoints.${store}' is not set: ` +
          `several Rasa pods need a shared ${store.replace('_', ' ')} (e.g. Redis), or --set rasa.replicaCount=1`);
      }
    }
  }

  const pdb = s.rasa.podDisruptionBudget;
  if (pdb.enabled && s.rasa.replicaCount > 1 && pdb.minAvailable >= s.rasa.replicaCount) {
    add(`'rasa.podDisruptionBudget.minAvailable' (${pdb.minAvailable}) must be below rasa.replicaCount ` +
      `(${s.rasa.replicaCount}), or no node could ever be drained (--set rasa.podDisruptionBudget.minAvailable=1)`);
  }

  if (s.rasa.api.enabled) {
    checkSecretRef(add, 'rasa.api.tokenSecretName', s.rasa.api.tokenSecretName, 'rasa.api.tokenSecretKey',
      s.rasa.api.tokenSecretKey, 'the API token', 'the HTTP API would be open to anyone');
  }

  const license = s.rasa.license;
  if (license.secretName) {
    checkSecretRef(add, 'rasa.license.secretName', license.secretName, 'rasa.license.secretKey', license.secretKey,
      'the licence', 'Rasa Pro will not start');
  } else if (/(^|\/)rasa-pro$/.test(s.rasa.image.repository)) {
    add(`'rasa.license.secretName' is empty but the image is ${s.rasa.image.repository}: Rasa Pro needs ` +
      `its licence (--set rasa.license.secretName=<Secret with the licence>)`);
  }

  const envNames = new Set([key.envName]);
  if (license.secretName) {
    if (envNames.has(license.envName)) add(`'rasa.license.envName' (${license.envName}) is already used by socketio.jwtKey.envName: pick another name`);
    envNames.add(license.envName);
  }
  s.rasa.extraArgs.forEach((arg, i) => {
    const flag = API_FLAGS.exec(arg)?.[1];
    if (flag) {
      add(`'rasa.extraArgs[${i}]' (${flag}) is not allowed: turn the HTTP API on with rasa.api.enabled, ` +
        `which protects it with the token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)`);
    }
  });
  s.rasa.extraEnv.forEach((env, i) => {
    const at = `rasa.extraEnv[${i}]`;
    if (env.name === API_TOKEN_ENV) {
      add(`'${at}.name' (${API_TOKEN_ENV}) is the HTTP API's token, which the chart takes from the Secret ` +
        `named by rasa.api.tokenSecretName: set that instead`);
    } else if (envNames.has(env.name)) add(`'${at}.name' (${env.name}) is already set by the chart: pick another name`);
    envNames.add(env.name);
    const fromSecret = env.secretName !== undefined || env.secretKey !== undefined;
    if (fromSecret === (env.value !== undefined)) {
      add(`'${at}' must have either 'value' or both 'secretName' and 'secretKey'`);
    } else if (fromSecret) {
      checkSecretRef(add, `${at}.secretName`, env.secretName ?? '', `${at}.secretKey`, env.secretKey ?? '',
        'the value', 'the variable would have no value');
    }
  });
  if (s.rasa.serviceAccount.name && !isDns1123Subdomain(s.rasa.serviceAccount.name)) {
    add(notADnsName('rasa.serviceAccount.name', s.rasa.serviceAccount.name));
  }
  s.rasa.imagePullSecrets.forEach((name, i) => {
    if (!isDns1123Subdomain(name)) add(notADnsName(`rasa.imagePullSecrets[${i}]`, name));
  });

  if (s.ingress.enabled) {
    if (!s.ingress.host) add(`'ingress.host' is empty: name the public host the widgets connect to (--set ingress.host=bot.example.com)`);
    else if (!isDns1123Subdomain(s.ingress.host)) add(notADnsName('ingress.host', s.ingress.host));
    if (s.ingress.tlsSecretName && !isDns1123Subdomain(s.ingress.tlsSecretName)) add(notADnsName('ingress.tlsSecretName', s.ingress.tlsSecretName));
  }

  const seen = new Set<string>();
  s.widgets.forEach((widget, i) => {
    if (seen.has(widget.name)) add(`'widgets[${i}].name' (${widget.name}) is used twice: widget names must be unique`);
    seen.add(widget.name);
    if (widget.claims !== undefined) claimProblems(widget.claims, `widgets[${i}].claims`).forEach(add);
    // The schema checks the form; the bound needs arithmetic.
    if (widget.expiresIn) {
      const problem = lifetimeProblem(widget.expiresIn, `widgets[${i}].expiresIn`);
      if (problem && LIFETIME.test(widget.expiresIn)) add(problem);
    }
  });
  if (s.minter.enabled && s.widgets.length === 0) {
    add(`'widgets' is empty: add a widget for the minter to sign a token for, or --set minter.enabled=false`);
  }
  if (s.minter.configMapName && !isDns1123Subdomain(s.minter.configMapName)) {
    add(notADnsName('minter.configMapName', s.minter.configMapName));
  }
  const sizeProblem = configMapSizeProblem(s);
  if (sizeProblem) add(sizeProblem);
  if (holdsYaml11LineBreak(s)) add(YAML11_LINE_BREAK_PROBLEM);
  return problems;
}

/**
 * YAML 1.1 (go-yaml, so Helm) reads U+2028, U+2029 and U+0085 as line breaks and folds the spaces
 * around them in quoted strings; the `yaml` package in its 1.1 mode does not. Rather than a value
 * that means two things, both renderers refuse it (the chart's twin searches its toJson).
 */
const YAML11_LINE_BREAK = /[\u2028\u2029\u0085]/;
const YAML11_LINE_BREAK_PROBLEM = "the values hold U+2028, U+2029 or U+0085, which Helm's YAML 1.1 reads as a line break and trims " +
  'the spaces around, unlike other YAML readers: remove the character, or write a line break as \\n';

function holdsYaml11LineBreak(value: unknown): boolean {
  if (typeof value === 'string') return YAML11_LINE_BREAK.test(value);
  if (Array.isArray(value)) return value.some(holdsYaml11LineBreak);
  if (isPlainObject(value)) return Object.entries(value).some(([k, v]) => YAML11_LINE_BREAK.test(k) || holdsYaml11LineBreak(v));
  return false;
}

function checkSecretRef(
  add: (problem: string) => void,
  nameField: string, name: string, keyField: string, key: string, what: string, consequence: string,
): void {
  if (!name) add(`'${nameField}' is empty: name the Secret that holds ${what} (--set ${nameField}=<name>); ${consequence}`);
  else if (!isDns1123Subdomain(name)) add(notADnsName(nameField, name));
  if (!key) add(`'${keyField}' is empty: name the key inside the Secret (--set ${keyField}=<key>); ${consequence}`);
  else if (!SECRET_KEY.test(key)) add(`'${keyField}' (${key}) is not a valid Secret key: use letters, digits, '-', '_' and '.'`);
}

function notADnsLabel(field: string, value: string): string {
  return `'${field}' (${value}) is not a valid name: use at most 63 lower-case letters, digits and '-', ` +
    `starting and ending with a letter or digit`;
}

function notADnsName(field: string, value: string): string {
  return `'${field}' (${value}) is not a valid name: use lower-case letters, digits, '-' and '.', ` +
    `starting and ending with a letter or digit`;
}

/** Every dotted path under `value` that ends in `key`, at any depth. */
function pathsOfKey(value: unknown, key: string, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsOfKey(item, key, `${at}[${i}]`));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [`${at}.${k}`] : []),
    ...pathsOfKey(v, key, `${at}.${k}`),
  ]);
}
