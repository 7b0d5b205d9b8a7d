import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { planBot, RasaServer, resolveSettings, TokenMinter, type RasaServerPlan } from '../../src/index.js';
import { only, type K8sObject } from '../support/render.js';

// A user's own app: their Secret holds the JWT key under their own name and key, and the bot's
// parts are placed beside it one by one, with no RasaBot.
const settings = resolveSettings();
const plan = planBot(settings, { release: 'rasa', namespace: 'chat' });

function userChart(): { chart: Chart; jwtKey: kplus.SecretValue } {
  const chart = new Chart(new App(), 'mine', { disableResourceNameHashes: true, namespace: 'chat' });
  const secret = new kplus.Secret(chart, 'JwtKey', { metadata: { name: 'my-jwt' } });
  return { chart, jwtKey: { secret, key: 'token' } };
}

const kindsAndNames = (objects: readonly K8sObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
const FROM_MY_SECRET = { name: 'RASA_SOCKETIO_JWT_KEY', valueFrom: { secretKeyRef: { name: 'my-jwt', key: 'token' } } };

describe('RasaServer on its own', () => {
  const server = (serverPlan: RasaServerPlan = plan.server) => {
    const { chart, jwtKey } = userChart();
    const config = new kplus.ConfigMap(chart, 'RasaFiles', { metadata: { name: 'my-rasa-files' }, data: { ...plan.config.files } });
    new RasaServer(chart, 'Server', { plan: serverPlan, rasa: settings.rasa, selector: plan.labels.server.selector, jwtKey, config });
    return Testing.synth(chart) as K8sObject[];
  };

  test('takes the JWT key from the Secret it is given, beside which it renders its Deployment alone', () => {
    const objects = server();
    expect(kindsAndNames(objects)).toEqual(['Secret/my-jwt', 'ConfigMap/my-rasa-files', 'Deployment/rasa']);
    const spec = only(objects, 'Deployment').spec.template.spec;
    const container = spec.containers.find((c: K8sObject) => c.name === 'rasa');
    expect(container.env[0]).toEqual(FROM_MY_SECRET);
    expect(container.env.filter((e: K8sObject) => e.valueFrom)).toEqual([FROM_MY_SECRET]);
    expect(spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'my-rasa-files' } });
    expect(spec).not.toHaveProperty('serviceAccountName');
  });

  test('refuses a plan whose env has no variable for the key', () => {
    const withoutKey = { ...plan.server, env: plan.server.env.filter((e) => e.name !== plan.server.keyEnvName) };
    expect(() => server(withoutKey)).toThrow("'plan.keyEnvName' (RASA_SOCKETIO_JWT_KEY) is not a variable of plan.env (RASA_TELEMETRY_ENABLED)");
  });
});

describe('TokenMinter on its own', () => {
  test('gives the minter the JWT key from the Secret it is given, and renders only its own objects', () => {
    const { chart, jwtKey } = userChart();
    new TokenMinter(chart, 'Minter', { job: plan.minter, minter: settings.minter, jwtKey });
    const objects = Testing.synth(chart) as K8sObject[];
    expect(kindsAndNames(objects)).toEqual([
      'Secret/my-jwt', 'ConfigMap/rasa-widgets',
      'ServiceAccount/rasa-minter', 'Role/rasa-minter', 'RoleBinding/rasa-minter', 'ConfigMap/rasa-minter', `Job/${plan.minter.jobName}`,
    ]);
    expect(only(objects, 'Job').spec.template.spec.containers[0].env).toEqual([FROM_MY_SECRET]);
  });
});
