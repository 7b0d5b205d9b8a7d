import { planBot, type BotPlan } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';
import { only, rasaContainer, render, type K8sObject } from '../support/render.js';

const plan = (values: SettingsInput = {}, release = 'rasa'): BotPlan =>
  planBot(resolveSettings(values), { release, namespace: 'chat' });

const STORES = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };

describe('planBot', () => {
  test('names every object from the fullname, as the chart does', () => {
    const p = plan({}, 'bot');
    expect(p).toMatchObject({ release: 'bot', namespace: 'chat', fullname: 'bot-rasa', appName: 'rasa' });
    expect(p.config.name).toBe('bot-rasa-config');
    expect(p.server).toMatchObject({ name: 'bot-rasa', serviceAccountName: 'bot-rasa' });
    expect(p.minter).toMatchObject({ name: 'bot-rasa-minter', outputName: 'bot-rasa-widgets' });
    expect(p.minter.rules.map((r) => r.resourceName)).toEqual(['bot-rasa-widgets', 'bot-rasa']);
    expect(p.reminter.name).toBe('bot-rasa-remint');
    expect(p.minter.jobName).toMatch(/^bot-rasa-minter-[0-9a-f]{10}$/);
    expect(p.keyGenerator).toMatchObject({ name: 'bot-rasa-keygen', rules: [{ apiGroup: '', resource: 'secrets', resourceName: 'rasa-socketio-jwt', verbs: ['get', 'patch', 'create'] }] });
    expect(plan({ minter: { configMapName: 'tokens' } }).minter.outputName).toBe('tokens');
  });

  test('labels each component, selecting its pods without the version', () => {
    const p = plan({ commonLabels: { team: 'chat' } });
    expect(p.labels.minter.selector).toEqual({
      'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'rasa', 'app.kubernetes.io/component': 'minter',
    });
    expect(p.labels.minter.object).toEqual({ ...p.labels.minter.selector, team: 'chat', 'app.kubernetes.io/version': '3.6.21' });
  });

  test('opens each gate only when the settings ask for it', () => {
    expect(plan().gates).toEqual({
      serviceAccount: true, disruptionBudget: false, autoscaler: false, ingress: false, keyGenerator: false, minter: true, jwtKeySecret: false,
      actionServer: false, reminter: false, modelClaim: false, demo: false,
    });
    expect(plan({
      rasa: { serviceAccount: { create: false }, replicaCount: 2, endpoints: STORES },
      ingress: { enabled: true, host: 'bot.example.com' },
      socketio: { jwtKey: { generate: true } },
      minter: { enabled: false },
    }).gates).toEqual({
      serviceAccount: false, disruptionBudget: true, autoscaler: false, ingress: true, keyGenerator: true, minter: false, jwtKeySecret: false,
      actionServer: false, reminter: false, modelClaim: false, demo: false,
    });
    expect(plan({ rasa: { model: { persistence: { enabled: true } } } }).gates.modelClaim).toBe(true);
    expect(plan({ rasa: { model: { persistence: { enabled: true, existingClaim: 'models' } } } }).gates.modelClaim).toBe(false);
    expect(plan({ widgets: [{ name: 'w', expiresIn: '1d' }] }).gates.reminter).toBe(true);
    expect(plan({ socketio: { jwtKey: { literal: 'k'.repeat(32) } } }).gates.jwtKeySecret).toBe(true);
    expect(plan({ actionServer: { enabled: true } }).gates.actionServer).toBe(true);
    expect(plan({ demo: { enabled: true } }).gates.demo).toBe(true);
  });

  test('fills in the widgets\' defaults once, for the minter and the size rule alike', () => {
    const p = plan({ ingress: { enabled: true, host: 'bot.example.com', tlsSecretName: 'tls' }, widgets: [{ name: 'a' }, { name: 'b', url: 'https://b.example.com' }] });
    expect(p.widgets).toEqual([
      { name: 'a', url: 'https://bot.example.com', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', initialPayload: '' },
      { name: 'b', url: 'https://b.example.com', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', initialPayload: '' },
    ]);
    expect(p.minter.input.widgets).toBe(p.widgets);
  });

  test('holds the minter\'s input as data and as the text of minter.json', () => {
    const { minter } = plan();
    expect(JSON.parse(minter.inputJson)).toEqual(minter.input);
    expect(minter.files).toEqual({ 'minter.mjs': expect.stringContaining('rasa-socketio-jwt minter'), 'minter.json': minter.inputJson });
    expect(minter).toMatchObject({ component: 'minter', mountPath: '/minter', command: ['node', '/minter/minter.mjs', '/minter/minter.json'] });
  });

  test('gives the key generator a program, files and folder of its own', () => {
    const { keyGenerator } = plan({ socketio: { jwtKey: { generate: true } } });
    expect(JSON.parse(keyGenerator.inputJson)).toEqual(keyGenerator.input);
    expect(keyGenerator.files).toEqual({
      'keygen.mjs': expect.stringContaining('rasa-socketio-jwt key generator'), 'keygen.json': keyGenerator.inputJson,
    });
    expect(keyGenerator.files['keygen.mjs']).not.toContain('rasa-socketio-jwt minter');
    expect(keyGenerator).toMatchObject({ component: 'keygen', mountPath: '/keygen', command: ['node', '/keygen/keygen.mjs', '/keygen/keygen.json'] });
  });

  test('gives the Rasa container its args and env as data, in order', () => {
    const p = plan({
      rasa: {
        api: { enabled: true, tokenSecretName: 'api' },
        extraEnv: [{ name: 'PLAIN', value: 'v' }, { name: 'FROM_SECRET', secretName: 's', secretKey: 'k' }],
      },
    });
    expect(p.server.args).toEqual([
      'run', '--port', '5005', '--credentials', '/etc/rasa/credentials.yml', '--endpoints', '/etc/rasa/endpoints.yml',
      '--model', 'models', '--enable-api', '--auth-token', '$(RASA_API_AUTH_TOKEN)',
    ]);
    expect(p.server.env.map((e) => e.name)).toEqual(['RASA_SOCKETIO_JWT_KEY', 'RASA_TELEMETRY_ENABLED', 'RASA_API_AUTH_TOKEN', 'PLAIN', 'FROM_SECRET']);
    expect(p.server.env[4]).toEqual({ name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });
  });
});

describe('the pod count: replicas, autoscaler, disruption budget, session affinity', () => {
  test('without the autoscaler: the Deployment holds rasa.replicaCount', () => {
    const p = plan({ rasa: { replicaCount: 3, endpoints: STORES } });
    expect(p.server.replicas).toBe(3);
    expect(p.gates).toMatchObject({ autoscaler: false, disruptionBudget: true });
    expect(p.service.sessionAffinity).toBe('ClientIP');
    expect(plan().service.sessionAffinity).toBe('None');
    expect(plan().gates.disruptionBudget).toBe(false);
  });

  test('with the autoscaler: it owns the count, named as the Deployment it scales', () => {
    const p = plan({ rasa: { replicaCount: 3, endpoints: STORES, autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 7 } } }, 'bot');
    expect(p.server.replicas).toBeUndefined();
    expect(p.gates).toMatchObject({ autoscaler: true, disruptionBudget: true });
    expect(p.autoscaler).toEqual({
      name: 'bot-rasa', minReplicas: 3, maxReplicas: 7,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    expect(p.autoscaler.name).toBe(p.server.name);
  });

  test('targets CPU, then memory, leaving out a null target', () => {
    const metrics = (autoscaling: object) => plan({ rasa: { endpoints: STORES, autoscaling: { enabled: true, ...autoscaling } } })
      .autoscaler.metrics.map((m) => [m.resource.name, m.resource.target.averageUtilization]);
    expect(metrics({ targetMemoryUtilizationPercentage: 120 })).toEqual([['cpu', 80], ['memory', 120]]);
    expect(metrics({ targetCPUUtilizationPercentage: null, targetMemoryUtilizationPercentage: 70 })).toEqual([['memory', 70]]);
  });

  test('an autoscaler that can run one pod only: no budget, no affinity, whatever rasa.replicaCount says', () => {
    const p = plan({ rasa: { replicaCount: 3, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 1 } } });
    expect(p.gates.disruptionBudget).toBe(false);
    expect(p.service.sessionAffinity).toBe('None');
  });

  test('service.sessionAffinity wins over the pod count', () => {
    expect(plan({ rasa: { replicaCount: 2, endpoints: STORES }, service: { sessionAffinity: 'None' } }).service.sessionAffinity).toBe('None');
    expect(plan({ service: { sessionAffinity: 'ClientIP' } }).service.sessionAffinity).toBe('ClientIP');
  });
});

describe('the constructs render the plan as it is', () => {
  const values: SettingsInput = {
    socketio: { jwtKey: { generate: true } },
    rasa: { extraEnv: [{ name: 'PLAIN', value: 'v' }, { name: 'FROM_SECRET', secretName: 's', secretKey: 'k' }] },
  };
  const p = planBot(resolveSettings(values), { release: 'bot', namespace: 'chat' });
  const objects = render({ values, release: 'bot', namespace: 'chat' });
  const named = (kind: string, name: string): K8sObject => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

  test('the Rasa container', () => {
    const container = rasaContainer(objects);
    expect(container.command).toEqual(p.server.command);
    expect(container.args).toEqual(p.server.args);
    expect(container.env).toEqual(p.server.env);
    expect(container.image).toBe(p.server.image);
    expect(only(objects, 'Deployment').spec.template.metadata.annotations['checksum/config']).toBe(p.config.checksum);
  });

  test('the config and the script Jobs\' files and names', () => {
    expect(named('ConfigMap', p.config.name).data).toEqual(p.config.files);
    for (const job of [p.minter, p.keyGenerator]) {
      expect(named('ConfigMap', job.name).data).toEqual(job.files);
      const container = named('Job', job.jobName).spec.template.spec.containers[0];
      expect(container).toMatchObject({ name: job.component, image: job.image, command: job.command });
      expect(container.volumeMounts).toEqual([{ name: job.component, mountPath: job.mountPath, readOnly: true }]);
    }
  });
});
