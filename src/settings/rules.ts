import { CLAIM_RULES, type Claims } from './claims.js';
import { CONFIGMAP_LIMIT_BYTES, widgetsConfigMapSize } from './configmap-size.js';
import { boundedLifetimeSeconds, isOverMaxLifetime, LIFETIME_TOO_LONG, LIFETIME_TOO_SHORT_TO_REMINT, SHORTEST_REMINTED_LIFETIME_SECONDS } from './lifetime.js';
import { isPlainObject } from './merge.js';
import { hasModelServerToken, MODEL_SERVER_TOKEN_ENV } from './model.js';
import { isDns1123Label, isDns1123Subdomain, NOT_A_DNS_NAME } from './names.js';
import { podCount } from './pod-count.js';
import { ACTION_SERVER_POD, POD_EXTENSION_RULES, rasaPod, type PodExtensions } from './pod-extensions.js';
import { runRules, type Entry, type Rule, type Scope } from './rules/engine.js';
import type { ExtraEnv, JwtMethod, Quantity, Settings, WidgetSettings } from './types.js';

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
 * Characters Helm's YAML 1.1 cannot carry as they are. go-yaml reads U+2028, U+2029 and U+0085 as
 * line breaks and folds the spaces around them in quoted strings, where the `yaml` package in its
 * 1.1 mode does not; and toYaml renders nothing at all for a document with U+007F to U+009F,
 * U+FFFE or U+FFFF, which its reader refuses. Rather than a value that means two things, both
 * renderers refuse them (the chart's twin searches its toJson).
 */
const YAML11_UNSAFE = /[\u2028\u2029\u007f-\u009f\ufffe\uffff]/;

/** A setting and its value, for rules that several settings share. */
interface Field {
  readonly path: string;
  readonly value: string;
}

/** A reference to a key of a Secret, and what depends on it. */
interface SecretRef {
  readonly nameField: string;
  readonly name: string;
  readonly keyField: string;
  readonly key: string;
  /** What the Secret holds: "the JWT key". */
  readonly what: string;
  /** What goes wrong without it. */
  readonly consequence: string;
}

/** Twin: the "rasa.secretRefProblems" helper in chart/templates/_validate.tpl. */
const SECRET_REF_RULES: readonly Rule<SecretRef>[] = [
  {
    id: 'secretNameEmpty', paths: ['{nameField}'],
    message: "'%[1]s' is empty: name the Secret that holds %[2]s (--set %[1]s=<name>); %[3]s",
    check: (r) => !r.name && [r.nameField, r.what, r.consequence],
  },
  {
    id: 'secretNameInvalid', paths: ['{nameField}'], message: NOT_A_DNS_NAME,
    check: (r) => !!r.name && !isDns1123Subdomain(r.name) && [r.nameField, r.name],
  },
  {
    id: 'secretKeyEmpty', paths: ['{keyField}'],
    message: "'%[1]s' is empty: name the key inside the Secret (--set %[1]s=<key>); %[2]s",
    check: (r) => !r.key && [r.keyField, r.consequence],
  },
  {
    id: 'secretKeyInvalid', paths: ['{keyField}'],
    message: "'%s' (%s) is not a valid Secret key: use letters, digits, '-', '_' and '.'",
    check: (r) => !!r.key && !SECRET_KEY.test(r.key) && [r.keyField, r.key],
  },
];

/** A target of the autoscaler that is set, and the request it is a share of. */
interface AutoscalerTarget {
  /** targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage. */
  readonly setting: string;
  readonly resource: 'cpu' | 'memory';
  readonly request: Quantity | undefined;
  /** A request to suggest. */
  readonly example: string;
}

/**
 * An item of a section's extraEnv (rasa, actionServer), and whether an earlier variable of its
 * container, the chart's or the section's, already has its name.
 */
interface ExtraEnvItem {
  /** The section's path: rasa, actionServer. */
  readonly section: string;
  readonly at: string;
  readonly env: ExtraEnv;
  readonly nameTaken: boolean;
  /** It names the HTTP API's token, which only the chart gives the Rasa container. */
  readonly apiToken: boolean;
}

/** An item of widgets, whether an earlier widget has its name, and whether its lifetime sets the re-mint schedule. */
interface WidgetItem {
  readonly at: string;
  readonly widget: WidgetSettings;
  readonly nameTaken: boolean;
  /** The minter runs and minter.schedule is empty: the re-mint CronJob's schedule follows the lifetimes. */
  readonly scheduleFollowsLifetime: boolean;
}

/**
 * Rules the schema cannot say, in the order their lines come out: one line per breach, naming the
 * setting and the fix. Twin: the "rasa.validateValues" helper in chart/templates/_validate.tpl,
 * rule by rule (test/chart/rules-table.test.ts).
 */
export const RULES: readonly Entry<Settings>[] = [
  {
    scope: 'nameOverride, fullnameOverride',
    items: (s) => [{ path: 'nameOverride', value: s.nameOverride }, { path: 'fullnameOverride', value: s.fullnameOverride }],
    rules: [{
      id: 'nameNotADnsLabel', paths: ['nameOverride', 'fullnameOverride'],
      message: "'%s' (%s) is not a valid name: use at most 63 lower-case letters, digits and '-', " +
        'starting and ending with a letter or digit',
      check: (f) => !!f.value && !isDns1123Label(f.value) && [f.path, f.value],
    }],
  } satisfies Scope<Settings, Field>,
  {
    // A Service name is a DNS-1035 label; helm lint and the API server refuse one starting with a digit.
    id: 'fullnameStartsWithDigit', paths: ['fullnameOverride'],
    message: "'fullnameOverride' (%[1]s) starts with a digit: it names the Service, whose name must start " +
      'with a letter (e.g. bot-%[1]s)',
    check: (s) => /^[0-9]/.test(s.fullnameOverride) && [s.fullnameOverride],
  },
  {
    scope: 'socketio.jwtKey',
    items: ({ socketio: { jwtKey } }) => [secretRef('socketio.jwtKey.secret', jwtKey.secretName, jwtKey.secretKey,
      'the JWT key', 'without a key the socketio channel would be open to anyone')],
    rules: SECRET_REF_RULES,
  } satisfies Scope<Settings, SecretRef>,
  {
    id: 'literalKeyTooShort', paths: ['socketio.jwtKey.literal', 'socketio.jwtMethod'],
    message: "'socketio.jwtKey.literal' is %d bytes: an %s key needs at least %d " +
      '(--set socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal',
    check: (s) => {
      const bytes = Buffer.byteLength(s.socketio.jwtKey.literal, 'utf8');
      const needed = KEY_BYTES_FOR[s.socketio.jwtMethod] ?? MIN_KEY_BYTES;
      return bytes > 0 && bytes < needed && [bytes, s.socketio.jwtMethod, needed];
    },
  },
  {
    id: 'keyGeneratedAndGiven', paths: ['socketio.jwtKey.generate', 'socketio.jwtKey.literal'],
    message: "'socketio.jwtKey.generate' and 'socketio.jwtKey.literal' are both set: let the cluster generate " +
      'the key, or give it (--set socketio.jwtKey.generate=false)',
    check: (s) => s.socketio.jwtKey.generate && !!s.socketio.jwtKey.literal && [],
  },
  {
    id: 'socketioInChannels', paths: ['channels'],
    message: "'channels.socketio' is not allowed: the socketio channel is configured under 'socketio', " +
      'with its key from a Secret',
    check: (s) => 'socketio' in s.channels && [],
  },
  {
    scope: 'channels, at any depth',
    items: (s) => pathsOfKey(s.channels, 'jwt_key', 'channels'),
    rules: [{
      id: 'jwtKeyInChannels', paths: ['channels'],
      message: "'%s' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); " +
        'the socketio key comes from the Secret named by socketio.jwtKey.secretName',
      check: (path) => [path],
    }],
  } satisfies Scope<Settings, string>,
  {
    id: 'modelsInEndpoints', paths: ['rasa.endpoints'],
    message: "'rasa.endpoints.models' is not allowed: set the model server with rasa.model.serverUrl",
    check: (s) => 'models' in s.rasa.endpoints && [],
  },
  {
    id: 'actionEndpointWithActionServer', paths: ['rasa.endpoints', 'actionServer.enabled'],
    message: "'rasa.endpoints.action_endpoint' is set, but actionServer.enabled points Rasa at the chart's action " +
      'server: remove rasa.endpoints.action_endpoint, or --set actionServer.enabled=false to keep your own',
    check: (s) => s.actionServer.enabled && 'action_endpoint' in s.rasa.endpoints && [],
  },
  {
    scope: 'rasa.endpoints.tracker_store, rasa.endpoints.lock_store',
    items: (s) => ['tracker_store', 'lock_store'].map((store) => ({ s, store })),
    rules: [{
      id: 'replicasWithoutSharedStore', paths: ['rasa.replicaCount', 'rasa.autoscaling', 'rasa.endpoints'],
      message: "'%s' is %d but 'rasa.endpoints.%s' is not set: several Rasa pods need a shared %s " +
        '(e.g. Redis), or --set %s',
      check: ({ s, store }) => {
        const { most, mostSetting } = podCount(s.rasa);
        const onePod = s.rasa.autoscaling.enabled ? 'rasa.autoscaling.enabled=false' : 'rasa.replicaCount=1';
        return most > 1 && !(store in s.rasa.endpoints) && [mostSetting, most, store, store.replace('_', ' '), onePod];
      },
    }],
  } satisfies Scope<Settings, { s: Settings; store: string }>,
  {
    // The autoscaler may keep only its minimum up, so the budget must let one of those go.
    id: 'disruptionBudgetBlocksDrain', paths: ['rasa.podDisruptionBudget', 'rasa.replicaCount', 'rasa.autoscaling'],
    message: "'rasa.podDisruptionBudget.minAvailable' (%d) must be below %s (%d), " +
      'or no node could ever be drained (--set %s)',
    check: (s) => {
      const pdb = s.rasa.podDisruptionBudget;
      const { fewest, fewestSetting, most } = podCount(s.rasa);
      const fix = fewest > 1 ? 'rasa.podDisruptionBudget.minAvailable=1' : `${fewestSetting}=2`;
      return pdb.enabled && most > 1 && pdb.minAvailable >= fewest && [pdb.minAvailable, fewestSetting, fewest, fix];
    },
  },
  {
    // Kubernetes refuses an update that could neither start a pod nor stop one.
    id: 'rollingUpdateCannotProceed', paths: ['rasa.rollingUpdate'],
    message: "'rasa.rollingUpdate.maxSurge' and 'rasa.rollingUpdate.maxUnavailable' are both 0: an update could neither " +
      'start a new pod nor stop an old one (--set rasa.rollingUpdate.maxSurge=1)',
    check: ({ rasa: { rollingUpdate: r } }) => isNoPods(r.maxSurge) && isNoPods(r.maxUnavailable) && [],
  },
  {
    id: 'preStopDelayNotInGracePeriod', paths: ['rasa.terminationGracePeriodSeconds', 'rasa.preStopDelaySeconds'],
    message: "'rasa.terminationGracePeriodSeconds' (%d) must be longer than rasa.preStopDelaySeconds (%d): the pod would " +
      'be killed before Rasa closes its sockets (--set rasa.terminationGracePeriodSeconds=%d)',
    check: ({ rasa: r }) => r.preStopDelaySeconds > 0 && r.terminationGracePeriodSeconds <= r.preStopDelaySeconds
      && [r.terminationGracePeriodSeconds, r.preStopDelaySeconds, r.preStopDelaySeconds + 30],
  },
  {
    id: 'autoscalingMaxBelowMin', paths: ['rasa.autoscaling'],
    message: "'rasa.autoscaling.maxReplicas' (%[1]d) is below rasa.autoscaling.minReplicas (%[2]d): raise it " +
      '(--set rasa.autoscaling.maxReplicas=%[2]d)',
    check: ({ rasa: { autoscaling: a } }) => a.enabled && a.maxReplicas < a.minReplicas && [a.maxReplicas, a.minReplicas],
  },
  {
    id: 'autoscalingWithoutTarget', paths: ['rasa.autoscaling'],
    message: "'rasa.autoscaling' has no target: set rasa.autoscaling.targetCPUUtilizationPercentage or " +
      'targetMemoryUtilizationPercentage (--set rasa.autoscaling.targetCPUUtilizationPercentage=80)',
    check: ({ rasa: { autoscaling: a } }) => a.enabled && a.targetCPUUtilizationPercentage == null
      && a.targetMemoryUtilizationPercentage == null && [],
  },
  {
    scope: 'rasa.autoscaling.target*UtilizationPercentage',
    items: autoscalerTargets,
    rules: [{
      // Utilisation is use over request: without a request the autoscaler has nothing to divide by.
      id: 'autoscalingTargetWithoutRequest', paths: ['rasa.autoscaling', 'rasa.resources.requests'],
      message: "'rasa.autoscaling.%[1]s' is set but 'rasa.resources.requests.%[2]s' is empty: the autoscaler " +
        'measures use as a share of the request (--set rasa.resources.requests.%[2]s=%[3]s)',
      check: (t) => String(t.request ?? '') === '' && [t.setting, t.resource, t.example],
    }],
  } satisfies Scope<Settings, AutoscalerTarget>,
  {
    id: 'modelDownloadWithoutSha256', paths: ['rasa.model.download.url', 'rasa.model.download.sha256'],
    message: "'rasa.model.download.sha256' is empty: the file from rasa.model.download.url is used only when its " +
      'SHA-256 matches (--set rasa.model.download.sha256=<sha256sum of the file>)',
    check: ({ rasa: { model } }) => !!model.download.url && !model.download.sha256 && [],
  },
  {
    scope: 'rasa.model.download.url, rasa.model.persistence.enabled',
    items: ({ rasa: { model } }) => (model.serverUrl ? [
      ...(model.download.url ? [{ path: 'rasa.model.download.url', value: 'rasa.model.download.url=' }] : []),
      ...(model.persistence.enabled ? [{ path: 'rasa.model.persistence.enabled', value: 'rasa.model.persistence.enabled=false' }] : []),
    ] : []),
    rules: [{
      id: 'modelServerWithLocalModel', paths: ['rasa.model.serverUrl', 'rasa.model.download.url', 'rasa.model.persistence.enabled'],
      message: "'%s' is set, but so is rasa.model.serverUrl, the model server Rasa then loads its model from: " +
        'keep one source (--set %s, or --set rasa.model.serverUrl=)',
      check: (f) => [f.path, f.value],
    }],
  } satisfies Scope<Settings, Field>,
  {
    // Only /status tells whether a model is loaded; an httpGet probe cannot read the API token.
    id: 'modelServerWithoutApi', paths: ['rasa.model.serverUrl', 'rasa.api.enabled'],
    message: "'rasa.model.serverUrl' is set but rasa.api.enabled is false: readiness asks Rasa's /status, an " +
      "HTTP API endpoint, whether the model server's model is loaded; turn the API on with its token " +
      '(--set rasa.api.enabled=true,rasa.api.tokenSecretName=<Secret>)',
    check: ({ rasa }) => !!rasa.model.serverUrl && !rasa.api.enabled && [],
  },
  {
    scope: 'rasa.model.download.token',
    items: ({ rasa: { model: { download: { token } } } }) => (token.secretName ? [secretRef('rasa.model.download.token.secret',
      token.secretName, token.secretKey, 'the download token', 'the download would be sent without it')] : []),
    rules: SECRET_REF_RULES,
  } satisfies Scope<Settings, SecretRef>,
  {
    scope: 'rasa.model.serverToken',
    items: ({ rasa: { model: { serverToken } } }) => (serverToken.secretName ? [secretRef('rasa.model.serverToken.secret',
      serverToken.secretName, serverToken.secretKey, "the model server's token", 'Rasa would not start')] : []),
    rules: SECRET_REF_RULES,
  } satisfies Scope<Settings, SecretRef>,
  {
    id: 'modelExistingClaimInvalid', paths: ['rasa.model.persistence.existingClaim'], message: NOT_A_DNS_NAME,
    check: ({ rasa: { model: { persistence: p } } }) => !!p.existingClaim && !isDns1123Subdomain(p.existingClaim)
      && ['rasa.model.persistence.existingClaim', p.existingClaim],
  },
  {
    // An existing claim's modes are not in the values: the README says what it needs.
    id: 'modelClaimNotShared', paths: ['rasa.model.persistence', 'rasa.replicaCount', 'rasa.autoscaling'],
    message: "'rasa.model.persistence.accessModes' (%s) has no ReadWriteMany, but %s is %d: Rasa pods on several " +
      'nodes could not all mount the claim (--set rasa.model.persistence.accessModes={ReadWriteMany}, or --set %s)',
    check: (s) => {
      const p = s.rasa.model.persistence;
      const { most, mostSetting } = podCount(s.rasa);
      const onePod = s.rasa.autoscaling.enabled ? 'rasa.autoscaling.enabled=false' : 'rasa.replicaCount=1';
      return p.enabled && !p.existingClaim && most > 1 && !p.accessModes.includes('ReadWriteMany')
        && [p.accessModes.join(', '), mostSetting, most, onePod];
    },
  },
  {
    scope: 'rasa.api',
    items: ({ rasa: { api } }) => (api.enabled ? [secretRef('rasa.api.tokenSecret', api.tokenSecretName, api.tokenSecretKey,
      'the API token', 'the HTTP API would be open to anyone')] : []),
    rules: SECRET_REF_RULES,
  } satisfies Scope<Settings, SecretRef>,
  {
    scope: 'rasa.license',
    items: ({ rasa: { license } }) => (license.secretName ? [secretRef('rasa.license.secret', license.secretName,
      license.secretKey, 'the licence', 'Rasa Pro will not start')] : []),
    rules: SECRET_REF_RULES,
  } satisfies Scope<Settings, SecretRef>,
  {
    id: 'rasaProWithoutLicence', paths: ['rasa.license.secretName', 'rasa.image.repository'],
    message: "'rasa.license.secretName' is empty but the image is %s: Rasa Pro needs its licence " +
      '(--set rasa.license.secretName=<Secret with the licence>)',
    check: (s) => !s.rasa.license.secretName && /(^|\/)rasa-pro$/.test(s.rasa.image.repository) && [s.rasa.image.repository],
  },
  {
    id: 'licenceEnvNameTaken', paths: ['rasa.license.envName', 'socketio.jwtKey.envName'],
    message: "'rasa.license.envName' (%s) is already used by socketio.jwtKey.envName: pick another name",
    check: (s) => !!s.rasa.license.secretName && s.rasa.license.envName === s.socketio.jwtKey.envName
      && [s.rasa.license.envName],
  },
  {
    scope: 'rasa.extraArgs[]',
    items: (s) => s.rasa.extraArgs.map((arg, i) => ({ path: `rasa.extraArgs[${i}]`, value: arg })),
    rules: [{
      id: 'apiFlagInExtraArgs', paths: ['rasa.extraArgs[]'],
      message: "'%s' (%s) is not allowed: turn the HTTP API on with rasa.api.enabled, which protects it " +
        'with the token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)',
      check: (arg) => {
        const flag = API_FLAGS.exec(arg.value)?.[1];
        return flag !== undefined && [arg.path, flag];
      },
    }],
  } satisfies Scope<Settings, Field>,
  {
    scope: 'rasa.extraEnv[], actionServer.extraEnv[]',
    items: extraEnvItems,
    rules: [
      {
        id: 'apiTokenInExtraEnv', paths: ['rasa.extraEnv[].name'],
        message: "'%s.name' (%s) is the HTTP API's token, which the chart takes from the Secret " +
          'named by rasa.api.tokenSecretName: set that instead',
        check: (e) => e.apiToken && [e.at, e.env.name],
      },
      {
        id: 'extraEnvNameTaken', paths: ['{section}.extraEnv[].name'],
        message: "'%s.name' (%s) is already set by the chart: pick another name",
        check: (e) => !e.apiToken && e.nameTaken && [e.at, e.env.name],
      },
      {
        id: 'extraEnvValueOrSecret', paths: ['{section}.extraEnv[]'],
        message: "'%s' must have either 'value' or both 'secretName' and 'secretKey'",
        check: (e) => isFromSecret(e.env) === (e.env.value !== undefined) && [e.at],
      },
      {
        scope: '{section}.extraEnv[].secretName, {section}.extraEnv[].secretKey',
        items: ({ at, env }) => (isFromSecret(env) && env.value === undefined ? [secretRef(`${at}.secret`, env.secretName,
          env.secretKey, 'the value', 'the variable would have no value')] : []),
        rules: SECRET_REF_RULES,
      } satisfies Scope<ExtraEnvItem, SecretRef>,
    ],
  } satisfies Scope<Settings, ExtraEnvItem>,
  {
    id: 'serviceAccountNameInvalid', paths: ['rasa.serviceAccount.name'], message: NOT_A_DNS_NAME,
    check: (s) => !!s.rasa.serviceAccount.name && !isDns1123Subdomain(s.rasa.serviceAccount.name)
      && ['rasa.serviceAccount.name', s.rasa.serviceAccount.name],
  },
  {
    scope: 'rasa.imagePullSecrets[], minter.imagePullSecrets[], actionServer.imagePullSecrets[]',
    items: (s) => [
      ...s.rasa.imagePullSecrets.map((name, i) => ({ path: `rasa.imagePullSecrets[${i}]`, value: name })),
      ...(s.minter.imagePullSecrets ?? []).map((name, i) => ({ path: `minter.imagePullSecrets[${i}]`, value: name })),
      ...(s.actionServer.enabled ? s.actionServer.imagePullSecrets : [])
        .map((name, i) => ({ path: `actionServer.imagePullSecrets[${i}]`, value: name })),
    ],
    rules: [{
      id: 'imagePullSecretInvalid', paths: ['rasa.imagePullSecrets[]'], message: NOT_A_DNS_NAME,
      check: (name) => !isDns1123Subdomain(name.value) && [name.path, name.value],
    }],
  } satisfies Scope<Settings, Field>,
  {
    scope: "rasa's and actionServer's extension points (extraVolumes, extraVolumeMounts, initContainers, sidecars, extraEnvFrom)",
    items: (s) => [
      { section: 'rasa', settings: s.rasa, own: rasaPod(s.rasa) },
      ...(s.actionServer.enabled ? [{ section: 'actionServer', settings: s.actionServer, own: ACTION_SERVER_POD }] : []),
    ],
    rules: POD_EXTENSION_RULES,
  } satisfies Scope<Settings, PodExtensions>,
  {
    id: 'ingressHostEmpty', paths: ['ingress.enabled', 'ingress.host'],
    message: "'ingress.host' is empty: name the public host the widgets connect to (--set ingress.host=bot.example.com)",
    check: (s) => s.ingress.enabled && !s.ingress.host && [],
  },
  {
    id: 'ingressHostInvalid', paths: ['ingress.enabled', 'ingress.host'], message: NOT_A_DNS_NAME,
    check: (s) => s.ingress.enabled && !!s.ingress.host && !isDns1123Subdomain(s.ingress.host)
      && ['ingress.host', s.ingress.host],
  },
  {
    id: 'ingressTlsSecretInvalid', paths: ['ingress.enabled', 'ingress.tlsSecretName'], message: NOT_A_DNS_NAME,
    check: (s) => s.ingress.enabled && !!s.ingress.tlsSecretName && !isDns1123Subdomain(s.ingress.tlsSecretName)
      && ['ingress.tlsSecretName', s.ingress.tlsSecretName],
  },
  {
    // Routing the API's paths to a server that does not serve them would only expose its 404s.
    id: 'ingressExposesDisabledApi', paths: ['ingress.exposeApi', 'rasa.api.enabled'],
    message: "'ingress.exposeApi' routes Rasa's HTTP API, which is off: turn it on with rasa.api.enabled and its token " +
      'in rasa.api.tokenSecretName (--set rasa.api.enabled=true), or --set ingress.exposeApi=false',
    check: (s) => s.ingress.enabled && s.ingress.exposeApi && !s.rasa.api.enabled && [],
  },
  {
    scope: 'widgets[]',
    items: widgetItems,
    rules: [
      {
        id: 'widgetNameTwice', paths: ['widgets[].name'],
        message: "'%s.name' (%s) is used twice: widget names must be unique",
        check: (w) => w.nameTaken && [w.at, w.widget.name],
      },
      {
        scope: 'widgets[].claims',
        items: (w) => (w.widget.claims !== undefined ? [{ claims: w.widget.claims, where: `${w.at}.claims` }] : []),
        rules: CLAIM_RULES,
      } satisfies Scope<WidgetItem, Claims>,
      {
        // The schema checks the form; the bound needs arithmetic.
        id: 'widgetLifetimeTooLong', paths: ['widgets[].expiresIn'], message: LIFETIME_TOO_LONG,
        check: (w) => !!w.widget.expiresIn && isOverMaxLifetime(w.widget.expiresIn)
          && [`${w.at}.expiresIn`, w.widget.expiresIn],
      },
      {
        id: 'widgetLifetimeTooShortToRemint', paths: ['widgets[].expiresIn', 'minter.enabled', 'minter.schedule'],
        message: LIFETIME_TOO_SHORT_TO_REMINT,
        check: (w) => {
          const seconds = boundedLifetimeSeconds(w.widget.expiresIn ?? '');
          return w.scheduleFollowsLifetime && seconds !== undefined && seconds < SHORTEST_REMINTED_LIFETIME_SECONDS
            && [`${w.at}.expiresIn`, w.widget.expiresIn!];
        },
      },
    ],
  } satisfies Scope<Settings, WidgetItem>,
  {
    id: 'noWidgetsToMint', paths: ['minter.enabled', 'widgets'],
    message: "'widgets' is empty: add a widget for the minter to sign a token for, or --set minter.enabled=false",
    check: (s) => s.minter.enabled && s.widgets.length === 0 && [],
  },
  {
    id: 'minterConfigMapNameInvalid', paths: ['minter.configMapName'], message: NOT_A_DNS_NAME,
    check: (s) => !!s.minter.configMapName && !isDns1123Subdomain(s.minter.configMapName)
      && ['minter.configMapName', s.minter.configMapName],
  },
  {
    // Kubernetes refuses the ConfigMap later, in the cluster; here it can say how many widgets fit.
    id: 'widgetsOverConfigMapLimit', paths: ['widgets', 'minter.configMapName', 'socketio.jwtMethod'],
    message: "'widgets' would make %s about %d bytes, over the 1 MiB a ConfigMap holds: the first %d of the %d " +
      'widgets fit; spread them over several releases (each with its own minter.configMapName) or drop some',
    check: (s) => {
      const { bytes, fitting } = widgetsConfigMapSize(s);
      const configMap = s.minter.configMapName ? `ConfigMap ${s.minter.configMapName}` : "the minter's ConfigMap";
      return bytes > CONFIGMAP_LIMIT_BYTES && [configMap, bytes, fitting, s.widgets.length];
    },
  },
  {
    // The page shows what the minter writes; without it the ConfigMap the page mounts is never made.
    id: 'demoWithoutMinter', paths: ['demo.enabled', 'minter.enabled'],
    message: "'demo.enabled' shows the token the minter writes, but minter.enabled is false: " +
      '--set minter.enabled=true, or --set demo.enabled=false',
    check: (s) => s.demo.enabled && !s.minter.enabled && [],
  },
  {
    id: 'demoWidgetUnknown', paths: ['demo.widget', 'widgets'],
    message: "'demo.widget' (%s) is not the name of a widget: name one of widgets[].name, or leave it empty " +
      'for the first (--set demo.widget=)',
    check: (s) => s.demo.enabled && !!s.demo.widget && !s.widgets.some((w) => w.name === s.demo.widget) && [s.demo.widget],
  },
  {
    id: 'yaml11Characters', paths: [],
    message: "the values hold U+2028, U+2029 or U+0085, which Helm's YAML 1.1 reads as a line break and trims the spaces " +
      'around, or U+007F to U+009F, U+FFFE or U+FFFF, for which Helm renders nothing: remove the character, or write a line ' +
      'break as \\n',
    check: (s) => holdsYaml11Unsafe(s) && [],
  },
];

/** The lines RULES gives for settings the schema has accepted; none when every rule holds. */
export function ruleProblems(s: Settings): string[] {
  return runRules(RULES, s);
}

/** The reference set at `${fieldPrefix}Name` and `${fieldPrefix}Key` (e.g. rasa.api.tokenSecret). */
function secretRef(
  fieldPrefix: string, name: string | undefined, key: string | undefined, what: string, consequence: string,
): SecretRef {
  return { nameField: `${fieldPrefix}Name`, name: name ?? '', keyField: `${fieldPrefix}Key`, key: key ?? '', what, consequence };
}

/** A number of pods or a percentage of them that is none. */
function isNoPods(value: number | string): boolean {
  return value === 0 || value === '0%';
}

function isFromSecret(env: ExtraEnv): boolean {
  return env.secretName !== undefined || env.secretKey !== undefined;
}

function autoscalerTargets({ rasa }: Settings): AutoscalerTarget[] {
  if (!rasa.autoscaling.enabled) return [];
  const targets = [
    { setting: 'targetCPUUtilizationPercentage', resource: 'cpu', example: '500m' },
    { setting: 'targetMemoryUtilizationPercentage', resource: 'memory', example: '1Gi' },
  ] as const;
  return targets.filter((t) => rasa.autoscaling[t.setting] != null)
    .map((t) => ({ ...t, request: rasa.resources.requests[t.resource] as Quantity | undefined }));
}

/** rasa.extraEnv, then actionServer.extraEnv when it runs (its container has no variable of the chart's). */
function extraEnvItems(s: Settings): ExtraEnvItem[] {
  const rasaTaken = [s.socketio.jwtKey.envName];
  if (s.rasa.license.secretName) rasaTaken.push(s.rasa.license.envName);
  if (hasModelServerToken(s.rasa)) rasaTaken.push(MODEL_SERVER_TOKEN_ENV);
  const section = (at: string, extraEnv: readonly ExtraEnv[], chartOwn: readonly string[], refusesApiToken: boolean) => {
    const taken = new Set(chartOwn);
    return extraEnv.map((env, i) => {
      const item = { section: at, at: `${at}.extraEnv[${i}]`, env, nameTaken: taken.has(env.name),
        apiToken: refusesApiToken && env.name === API_TOKEN_ENV };
      taken.add(env.name);
      return item;
    });
  };
  return [
    ...section('rasa', s.rasa.extraEnv, rasaTaken, true),
    ...(s.actionServer.enabled ? section('actionServer', s.actionServer.extraEnv, [], false) : []),
  ];
}

function widgetItems(s: Settings): WidgetItem[] {
  const seen = new Set<string>();
  const scheduleFollowsLifetime = s.minter.enabled && s.minter.schedule === '';
  return s.widgets.map((widget, i) => {
    const item = { at: `widgets[${i}]`, widget, nameTaken: seen.has(widget.name), scheduleFollowsLifetime };
    seen.add(widget.name);
    return item;
  });
}

function holdsYaml11Unsafe(value: unknown): boolean {
  if (typeof value === 'string') return YAML11_UNSAFE.test(value);
  if (Array.isArray(value)) return value.some(holdsYaml11Unsafe);
  if (isPlainObject(value)) return Object.entries(value).some(([k, v]) => YAML11_UNSAFE.test(k) || holdsYaml11Unsafe(v));
  return false;
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
