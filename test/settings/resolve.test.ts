import { defaultValues, resolveSettings, SettingsError } from '../../src/settings/index.js';

function problemsOf(values: object): readonly string[] {
  try {
    resolveSettings(values);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('resolveSettings', () => {
  test('the chart defaults resolve and reference a Secret, never a literal key', () => {
    const s = resolveSettings();
    expect(s.socketio.jwtMethod).toBe('HS256');
    expect(s.socketio.jwtKey).toEqual({
      secretName: 'rasa-socketio-jwt', secretKey: 'jwt-key', envName: 'RASA_SOCKETIO_JWT_KEY', literal: '', generate: false,
    });
    expect(s).toEqual(defaultValues());
  });

  test('merges like Helm: maps key by key, lists replace, null removes a default', () => {
    const s = resolveSettings(
      { rasa: { extraArgs: ['--debug'], resources: { limits: { memory: '4Gi' } } } },
      { rasa: { extraArgs: ['--verbose'], podAnnotations: { a: 'b' } }, minter: { jobAnnotations: null } },
    );
    expect(s.rasa.extraArgs).toEqual(['--verbose']);
    expect(s.rasa.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '', memory: '4Gi', 'ephemeral-storage': '8Gi' },
    });
    expect(s.rasa.podAnnotations).toEqual({ a: 'b' });
    expect(s.minter).not.toHaveProperty('jobAnnotations');
  });

  test('errors carry a stable code and every problem at once', () => {
    expect(() => resolveSettings({ socketio: { jwtKey: { secretName: '', secretKey: '' } } })).toThrow(
      expect.objectContaining({ code: 'ERR_SETTINGS_INVALID', name: 'SettingsError' }),
    );
    expect(problemsOf({ socketio: { jwtKey: { secretName: '', secretKey: '' } } })).toHaveLength(2);
  });
});

describe('refusals name the setting and the fix', () => {
  test.each<[string, object, string]>([
    ['an empty Secret name', { socketio: { jwtKey: { secretName: '' } } },
      "'socketio.jwtKey.secretName' is empty: name the Secret that holds the JWT key (--set socketio.jwtKey.secretName=<name>); without a key the socketio channel would be open to anyone"],
    ['an empty Secret key', { socketio: { jwtKey: { secretKey: '' } } },
      "'socketio.jwtKey.secretKey' is empty: name the key inside the Secret (--set socketio.jwtKey.secretKey=<key>); without a key the socketio channel would be open to anyone"],
    ['a Secret name that is not DNS-1123', { socketio: { jwtKey: { secretName: 'My_Secret' } } },
      "'socketio.jwtKey.secretName' (My_Secret) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"],
    ['a literal key of 31 bytes', { socketio: { jwtKey: { literal: 'k'.repeat(31) } } },
      "'socketio.jwtKey.literal' is 31 bytes: an HS256 key needs at least 32 (--set socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal"],
    ['an unknown jwt_method', { socketio: { jwtMethod: 'RS256' } },
      "'socketio.jwtMethod' must be one of HS256, HS384, HS512 (got \"RS256\")"],
    ['jwt_key in plain channel credentials', { channels: { rest: { jwt_key: 'secret' } } },
      "'channels.rest.jwt_key' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); the socketio key comes from the Secret named by socketio.jwtKey.secretName"],
    ['jwt_key nested deep in a channel', { channels: { custom: { auth: [{ jwt_key: 'x' }] } } },
      "'channels.custom.auth[0].jwt_key' is not allowed: a JWT key never goes into channel credentials (a ConfigMap); the socketio key comes from the Secret named by socketio.jwtKey.secretName"],
    ['a key both generated and given', { socketio: { jwtKey: { generate: true, literal: 'k'.repeat(32) } } },
      "'socketio.jwtKey.generate' and 'socketio.jwtKey.literal' are both set: let the cluster generate the key, or give it (--set socketio.jwtKey.generate=false)"],
    ['a second socketio channel', { channels: { socketio: {} } },
      "'channels.socketio' is not allowed: the socketio channel is configured under 'socketio', with its key from a Secret"],
    ['a bad fullnameOverride', { fullnameOverride: 'Rasa_Bot' },
      "'fullnameOverride' (Rasa_Bot) is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"],
    ['a port above 65535', { rasa: { port: 70000 } }, "'rasa.port' must be at most 65535 (got 70000)"],
    ['a port of 0', { service: { port: 0 } }, "'service.port' must be at least 1 (got 0)"],
    ['a port that is not a number', { rasa: { port: '5005' } }, "'rasa.port' must be of type integer (got \"5005\")"],
    ['an unknown setting', { rasa: { replicas: 2 } },
      "'rasa.replicas' is not a setting: remove it or fix its spelling (known here: image, serviceAccount, imagePullSecrets, replicaCount, podDisruptionBudget, autoscaling, port, model, endpoints, api, license, telemetryEnabled, extraArgs, extraEnv, resources, startupProbe, livenessProbe, readinessProbe, terminationGracePeriodSeconds, preStopDelaySeconds, rollingUpdate, nodeSelector, tolerations, affinity, topologySpreadConstraints, priorityClassName, podAnnotations, podLabels, cors, podSecurityContext, containerSecurityContext, extraVolumes, extraVolumeMounts, initContainers, sidecars, extraEnvFrom)"],
    ['an unknown capability list', { rasa: { containerSecurityContext: { capabilities: { remove: ['ALL'] } } } },
      "'rasa.containerSecurityContext.capabilities.remove' is not a setting: remove it or fix its spelling (known here: add, drop)"],
    ['an open HTTP API', { rasa: { api: { enabled: true } } },
      "'rasa.api.tokenSecretName' is empty: name the Secret that holds the API token (--set rasa.api.tokenSecretName=<name>); the HTTP API would be open to anyone"],
    ['Rasa Pro without its licence', { rasa: { image: { repository: 'rasa/rasa-pro' } } },
      "'rasa.license.secretName' is empty but the image is rasa/rasa-pro: Rasa Pro needs its licence (--set rasa.license.secretName=<Secret with the licence>)"],
    ['an env var that shadows the key', { rasa: { extraEnv: [{ name: 'RASA_SOCKETIO_JWT_KEY', value: '' }] } },
      "'rasa.extraEnv[0].name' (RASA_SOCKETIO_JWT_KEY) is already set by the chart: pick another name"],
    ['the HTTP API turned on through extraArgs, around the token rule', { rasa: { extraArgs: ['--cors', '*', '--enable-api'] } },
      "'rasa.extraArgs[2]' (--enable-api) is not allowed: turn the HTTP API on with rasa.api.enabled, which protects it with the token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)"],
    ['the API token set through extraArgs', { rasa: { extraArgs: ['--auth-token=guess'] } },
      "'rasa.extraArgs[0]' (--auth-token) is not allowed: turn the HTTP API on with rasa.api.enabled, which protects it with the token from rasa.api.tokenSecretName (--set rasa.api.enabled=true)"],
    ['the API token overridden through extraEnv', { rasa: { extraEnv: [{ name: 'RASA_API_AUTH_TOKEN', value: 'guess' }] } },
      "'rasa.extraEnv[0].name' (RASA_API_AUTH_TOKEN) is the HTTP API's token, which the chart takes from the Secret named by rasa.api.tokenSecretName: set that instead"],
    ['a token lifetime over ten years', { widgets: [{ name: 'w', expiresIn: '3651d' }] },
      "'widgets[0].expiresIn' (3651d) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires"],
    ['a token lifetime past what a number holds', { widgets: [{ name: 'w', expiresIn: '9'.repeat(400) + 'w' }] },
      `'widgets[0].expiresIn' (${'9'.repeat(400)}w) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires`],
    ['an ingress without a host', { ingress: { enabled: true } },
      "'ingress.host' is empty: name the public host the widgets connect to (--set ingress.host=bot.example.com)"],
    ['the HTTP API routed through the Ingress while it is off', { ingress: { enabled: true, host: 'bot.example.com', exposeApi: true } },
      "'ingress.exposeApi' routes Rasa's HTTP API, which is off: turn it on with rasa.api.enabled and its token in rasa.api.tokenSecretName (--set rasa.api.enabled=true), or --set ingress.exposeApi=false"],
    ['a demo page without the minter that writes its token', { demo: { enabled: true }, minter: { enabled: false } },
      "'demo.enabled' shows the token the minter writes, but minter.enabled is false: --set minter.enabled=true, or --set demo.enabled=false"],
    ['a demo page for a widget that is not there', { demo: { enabled: true, widget: 'support' } },
      "'demo.widget' (support) is not the name of a widget: name one of widgets[].name, or leave it empty for the first (--set demo.widget=)"],
    ['a socketio path without a slash', { socketio: { socketioPath: 'socket.io' } },
      "'socketio.socketioPath' must be a path starting with '/' (e.g. /socket.io) (got \"socket.io\")"],
  ])('%s', (_, values, message) => {
    expect(problemsOf(values)).toEqual([message]);
  });

  test('several replicas need a shared tracker store and lock store', () => {
    expect(problemsOf({ rasa: { replicaCount: 2 } })).toEqual([
      "'rasa.replicaCount' is 2 but 'rasa.endpoints.tracker_store' is not set: several Rasa pods need a shared tracker store (e.g. Redis), or --set rasa.replicaCount=1",
      "'rasa.replicaCount' is 2 but 'rasa.endpoints.lock_store' is not set: several Rasa pods need a shared lock store (e.g. Redis), or --set rasa.replicaCount=1",
    ]);
  });

  test('a literal key must be as long as the hash of the method: 48 bytes for HS384, 64 for HS512', () => {
    expect(problemsOf({ socketio: { jwtMethod: 'HS512', jwtKey: { literal: 'k'.repeat(63) } } })).toEqual([
      "'socketio.jwtKey.literal' is 63 bytes: an HS512 key needs at least 64 (--set socketio.jwtKey.literal=$(openssl rand -hex 32)); better, keep it in a Secret and drop the literal",
    ]);
    expect(() => resolveSettings({ socketio: { jwtMethod: 'HS384', jwtKey: { literal: 'k'.repeat(48) } } })).not.toThrow();
  });

  test('a disruption budget must leave a pod to evict', () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    expect(problemsOf({ rasa: { replicaCount: 2, endpoints: stores, podDisruptionBudget: { minAvailable: 2 } } })).toEqual([
      "'rasa.podDisruptionBudget.minAvailable' (2) must be below rasa.replicaCount (2), or no node could ever be drained (--set rasa.podDisruptionBudget.minAvailable=1)",
    ]);
  });

  test('an autoscaler that can run several pods needs the shared stores too, named by the setting that allows them', () => {
    expect(problemsOf({ rasa: { autoscaling: { enabled: true } } })).toEqual([
      "'rasa.autoscaling.maxReplicas' is 5 but 'rasa.endpoints.tracker_store' is not set: several Rasa pods need a shared tracker store (e.g. Redis), or --set rasa.autoscaling.enabled=false",
      "'rasa.autoscaling.maxReplicas' is 5 but 'rasa.endpoints.lock_store' is not set: several Rasa pods need a shared lock store (e.g. Redis), or --set rasa.autoscaling.enabled=false",
    ]);
    // With the autoscaler on, rasa.replicaCount counts for nothing: here one pod at most can run.
    expect(() => resolveSettings({ rasa: { replicaCount: 3, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 1 } } })).not.toThrow();
  });

  test('an autoscaler needs room to scale, a target, and the request each target is a share of', () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    expect(problemsOf({ rasa: { endpoints: stores, autoscaling: { enabled: true, minReplicas: 4, maxReplicas: 3 } } })).toEqual([
      "'rasa.autoscaling.maxReplicas' (3) is below rasa.autoscaling.minReplicas (4): raise it (--set rasa.autoscaling.maxReplicas=4)",
    ]);
    expect(problemsOf({ rasa: { endpoints: stores, autoscaling: { enabled: true, targetCPUUtilizationPercentage: null } } })).toEqual([
      "'rasa.autoscaling' has no target: set rasa.autoscaling.targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage (--set rasa.autoscaling.targetCPUUtilizationPercentage=80)",
    ]);
    expect(problemsOf({
      rasa: {
        endpoints: stores,
        autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 90 },
        resources: { requests: { cpu: '', memory: null } },
      },
    })).toEqual([
      "'rasa.autoscaling.targetCPUUtilizationPercentage' is set but 'rasa.resources.requests.cpu' is empty: the autoscaler measures use as a share of the request (--set rasa.resources.requests.cpu=500m)",
      "'rasa.autoscaling.targetMemoryUtilizationPercentage' is set but 'rasa.resources.requests.memory' is empty: the autoscaler measures use as a share of the request (--set rasa.resources.requests.memory=1Gi)",
    ]);
    // Off, the section is not read.
    expect(() => resolveSettings({ rasa: { autoscaling: { minReplicas: 4, maxReplicas: 3, targetCPUUtilizationPercentage: null } } })).not.toThrow();
  });

  test("with the autoscaler on, a disruption budget must leave a pod to evict at the autoscaler's minimum", () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    expect(problemsOf({ rasa: { endpoints: stores, autoscaling: { enabled: true, minReplicas: 1 } } })).toEqual([
      "'rasa.podDisruptionBudget.minAvailable' (1) must be below rasa.autoscaling.minReplicas (1), or no node could ever be drained (--set rasa.autoscaling.minReplicas=2)",
    ]);
    expect(problemsOf({ rasa: { endpoints: stores, autoscaling: { enabled: true, minReplicas: 3 }, podDisruptionBudget: { minAvailable: 3 } } })).toEqual([
      "'rasa.podDisruptionBudget.minAvailable' (3) must be below rasa.autoscaling.minReplicas (3), or no node could ever be drained (--set rasa.podDisruptionBudget.minAvailable=1)",
    ]);
  });

  test('a literal key counts bytes, not characters', () => {
    // 16 two-byte characters: 16 characters, 32 bytes.
    expect(() => resolveSettings({ socketio: { jwtKey: { literal: 'é'.repeat(16) } } })).not.toThrow();
    expect(problemsOf({ socketio: { jwtKey: { literal: 'é'.repeat(15) } } })[0]).toMatch(/is 30 bytes/);
  });
});
