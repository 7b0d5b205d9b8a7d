import { parse } from 'yaml';
import {
  ACTION_SERVER_PROBES, actionEndpointUrl, actionServerArgs, actionServerName, endpointsYaml, extraEnvVars, planBot, type BotPlan,
} from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const plan = (values: SettingsInput = {}, release = 'bot', namespace = 'chat'): BotPlan =>
  planBot(resolveSettings(values), { release, namespace });

describe('the action server in the plan', () => {
  test('is named <fullname>-actions, cut so that the Service name stays a 63-character DNS label', () => {
    expect(actionServerName('bot-rasa')).toBe('bot-rasa-actions');
    const longest = 'b'.repeat(63);
    expect(actionServerName(longest)).toBe(`${'b'.repeat(55)}-actions`);
    expect(actionServerName(longest)).toHaveLength(63);
    // A cut that ends in '-' drops it, as Helm's trimSuffix does.
    expect(actionServerName(`${'b'.repeat(54)}-x`)).toBe(`${'b'.repeat(54)}-actions`);
    expect(plan({ fullnameOverride: 'd'.repeat(63) }).actionServer.name).toBe(`${'d'.repeat(55)}-actions`);
  });

  test('is called by its Service DNS name, namespace and port, at /webhook', () => {
    const s = resolveSettings({ actionServer: { port: 5056 } });
    expect(actionEndpointUrl(s, 'bot-rasa', 'chat')).toBe('http://bot-rasa-actions.chat.svc:5056/webhook');
    expect(plan({}, 'bot', 'shop').actionServer.url).toBe('http://bot-rasa-actions.shop.svc:5055/webhook');
  });

  test("runs the image's start with the actions package and the port", () => {
    expect(actionServerArgs(resolveSettings())).toEqual(['start', '--actions', 'actions', '--port', '5055']);
    expect(plan({ actionServer: { port: 6000 } }).actionServer.args).toEqual(['start', '--actions', 'actions', '--port', '6000']);
  });

  test('gives the container its extraEnv, values and Secret keys in order, and nothing of its own', () => {
    const extraEnv = [{ name: 'A', value: 'x' }, { name: 'B', secretName: 'b', secretKey: 'k' }, { name: 'C' }];
    expect(extraEnvVars(extraEnv)).toEqual([
      { name: 'A', value: 'x' },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'b', key: 'k' } } },
      { name: 'C', value: '' },
    ]);
    expect(plan({ actionServer: { enabled: true } }).actionServer.env).toEqual([]);
    expect(plan({ actionServer: { enabled: true, extraEnv: extraEnv.slice(0, 2) } }).actionServer.env).toEqual(extraEnvVars(extraEnv.slice(0, 2)));
  });

  test('labels its objects and pods component action-server, under the pod labels and annotations of its own', () => {
    const p = plan({ actionServer: { enabled: true, replicaCount: 3, podLabels: { tier: 'actions' }, podAnnotations: { a: 'b' } }, commonAnnotations: { c: 'd' } });
    expect(p.labels['action-server'].selector).toEqual({
      'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'bot', 'app.kubernetes.io/component': 'action-server',
    });
    expect(p.actionServer).toMatchObject({ name: 'bot-rasa-actions', replicas: 3, image: 'docker.io/rasa/rasa-sdk:3.6.2', port: 5055 });
    expect(p.actionServer.podMetadata).toEqual({
      labels: { tier: 'actions', ...p.labels['action-server'].object },
      annotations: { c: 'd', a: 'b' },
    });
  });

  test('probes GET /health, liveness more patient than readiness, with a start-up budget', () => {
    const { startupProbe, livenessProbe, readinessProbe } = ACTION_SERVER_PROBES;
    expect(ACTION_SERVER_PROBES.path).toBe('/health');
    expect(livenessProbe).not.toEqual(readinessProbe);
    const patience = (p: { periodSeconds: number; failureThreshold: number }) => p.periodSeconds * p.failureThreshold;
    expect(patience(livenessProbe)).toBeGreaterThan(patience(readinessProbe));
    expect(patience(startupProbe)).toBeGreaterThanOrEqual(300);
  });
});

describe("endpoints.yml's action_endpoint", () => {
  test('points Rasa at the action server when it runs, beside the other endpoints', () => {
    const p = plan({ actionServer: { enabled: true }, rasa: { endpoints: { tracker_store: { type: 'InMemoryTrackerStore' } } } });
    expect(parse(p.config.files['endpoints.yml'])).toEqual({
      action_endpoint: { url: 'http://bot-rasa-actions.chat.svc:5055/webhook' },
      tracker_store: { type: 'InMemoryTrackerStore' },
    });
    expect(endpointsYaml(resolveSettings(), 'http://a.b.svc:1/webhook')).toBe('action_endpoint:\n  url: http://a.b.svc:1/webhook\n');
  });

  test('is left to the user while the action server is off, and rolls the Rasa pods when it is turned on', () => {
    const own = { action_endpoint: { url: 'http://actions.example.com/webhook' } };
    expect(parse(plan({ rasa: { endpoints: own } }).config.files['endpoints.yml'])).toEqual(own);
    expect(plan().config.files['endpoints.yml']).toBe('{}\n');
    expect(plan({ actionServer: { enabled: true } }).server.podMetadata.annotations['checksum/config'])
      .not.toBe(plan().server.podMetadata.annotations['checksum/config']);
  });
});
