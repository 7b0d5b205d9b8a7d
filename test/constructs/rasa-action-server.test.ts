import { App, Chart, Testing } from 'cdk8s';
import { planBot, RasaActionServer, resolveSettings, type SettingsInput } from '../../src/index.js';
import { ACTION_SERVER_POD } from '../../src/settings/pod-extensions.js';
import { render, type K8sObject } from '../support/render.js';

const ON = { actionServer: { enabled: true } };
const actionObjects = (objects: readonly K8sObject[]) => objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'action-server'
  && (o.kind === 'Deployment' || o.kind === 'Service'));
const deployment = (values: SettingsInput = ON) => render({ values, release: 'bot', namespace: 'chat' })
  .find((o) => o.kind === 'Deployment' && o.metadata.name === 'bot-rasa-actions')!;
const container = (values: SettingsInput = ON) =>
  deployment(values).spec.template.spec.containers.find((c: K8sObject) => c.name === 'action-server');

describe('the action server', () => {
  test('is rendered only when actionServer.enabled: a Deployment and a ClusterIP Service, both <fullname>-actions', () => {
    expect(actionObjects(render())).toEqual([]);
    const objects = actionObjects(render({ values: ON, release: 'bot', namespace: 'chat' }));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['Deployment/bot-rasa-actions', 'Service/bot-rasa-actions']);
    const service = objects.find((o) => o.kind === 'Service')!;
    expect(service.spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 5055, targetPort: 5055 }] });
    const selector = { 'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'bot', 'app.kubernetes.io/component': 'action-server' };
    expect(service.spec.selector).toEqual(selector);
    expect(objects.find((o) => o.kind === 'Deployment')!.spec.selector.matchLabels).toEqual(selector);
    expect(deployment().spec.template.metadata.labels).toMatchObject(selector);
  });

  test("runs the image's start of the actions package on its port, with the settings' image and replicas", () => {
    const d = deployment({ actionServer: { enabled: true, replicaCount: 2, port: 5056, image: { tag: '3.6.1', pullPolicy: 'Never' } } });
    expect(d.spec.replicas).toBe(2);
    const c = d.spec.template.spec.containers[0];
    expect(c).toMatchObject({
      name: 'action-server',
      image: 'docker.io/rasa/rasa-sdk:3.6.1',
      imagePullPolicy: 'Never',
      args: ['start', '--actions', 'actions', '--port', '5056'],
      ports: [{ name: 'http', containerPort: 5056 }],
    });
    expect(c).not.toHaveProperty('command');
    expect(c).not.toHaveProperty('env');
  });

  test('probes GET /health: readiness at once, liveness with more patience, after a start-up budget', () => {
    const c = container();
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(c[probe].httpGet).toEqual({ path: '/health', port: 5055, scheme: 'HTTP' });
    }
    expect(c.livenessProbe).not.toEqual(c.readinessProbe);
    expect(c.readinessProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 3 });
    expect(c.livenessProbe).toMatchObject({ periodSeconds: 15, failureThreshold: 4 });
    expect(c.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 60 });
  });

  test('passes Pod Security restricted: non-root 1001, no token, no privilege, read-only root with /tmp its only writable place', () => {
    const spec = deployment().spec.template.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec).not.toHaveProperty('serviceAccountName');
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: 0, fsGroup: 0, fsGroupChangePolicy: 'Always', seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container().securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: 0, readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
    });
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(container().volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test("the pod's own container, volume and mount are those the rules keep its extension points off (ACTION_SERVER_POD)", () => {
    const spec = deployment().spec.template.spec;
    expect(spec.containers.map((c: K8sObject) => c.name)).toEqual([ACTION_SERVER_POD.mainContainer]);
    expect(spec.volumes.map((v: K8sObject) => v.name)).toEqual(ACTION_SERVER_POD.volumes);
    expect(container().volumeMounts.map((m: K8sObject) => m.mountPath)).toEqual(ACTION_SERVER_POD.mountPaths);
  });

  test("takes the extension points, env, resources, scheduling and pod metadata of its own section, none of Rasa's", () => {
    const sidecar = { name: 'proxy', image: 'busybox:1.36', resources: { limits: { cpu: '10m' } } };
    const values = {
      rasa: { nodeSelector: { pool: 'rasa' }, podLabels: { tier: 'rasa' } },
      actionServer: {
        enabled: true,
        extraEnv: [{ name: 'API_URL', value: 'https://api.example.com' }, { name: 'API_KEY', secretName: 'api', secretKey: 'key' }],
        extraEnvFrom: [{ secretRef: { name: 'actions-env' } }],
        extraVolumes: [{ name: 'data', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'data', mountPath: '/app/data' }],
        sidecars: [sidecar],
        resources: { requests: { cpu: '10m', memory: '' }, limits: { memory: '2Gi' } },
        nodeSelector: { pool: 'actions' },
        imagePullSecrets: ['regcred'],
        podLabels: { tier: 'actions' },
      },
    };
    const d = deployment(values);
    const spec = d.spec.template.spec;
    const c = spec.containers[0];
    expect(c.env).toEqual([
      { name: 'API_URL', value: 'https://api.example.com' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
    ]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'actions-env' } }]);
    expect(c.volumeMounts.at(-1)).toEqual({ name: 'data', mountPath: '/app/data' });
    expect(c.resources).toEqual({ requests: { cpu: '10m', 'ephemeral-storage': '64Mi' }, limits: { memory: '2Gi', 'ephemeral-storage': '512Mi' } });
    expect(spec.containers.at(-1)).toEqual(sidecar);
    expect(spec.volumes.at(-1)).toEqual({ name: 'data', emptyDir: {} });
    expect(spec.nodeSelector).toEqual({ pool: 'actions' });
    expect(spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(d.spec.template.metadata.labels.tier).toBe('actions');
  });

  test('stands on its own beside a user\'s objects, from the plan and the settings section', () => {
    const settings = resolveSettings(ON);
    const plan = planBot(settings, { release: 'shop', namespace: 'chat' });
    const chart = new Chart(new App(), 'mine', { disableResourceNameHashes: true, namespace: 'chat' });
    new RasaActionServer(chart, 'Actions', { plan: plan.actionServer, actionServer: settings.actionServer, selector: plan.labels['action-server'].selector });
    const objects = Testing.synth(chart) as K8sObject[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/shop-rasa-actions', 'Service/shop-rasa-actions']);
    expect(plan.actionServer.url).toBe('http://shop-rasa-actions.chat.svc:5055/webhook');
  });
});
