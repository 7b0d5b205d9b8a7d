import { App, Chart, Testing } from 'cdk8s';
import { DemoPage, planBot, resolveSettings } from '../../src/index.js';
import { render, type K8sObject } from '../support/render.js';

const byKind = (objects: readonly K8sObject[], kind: string) => objects.filter((o) => o.kind === kind && o.metadata.name.endsWith('-demo'));

describe('the demo page', () => {
  test('is rendered only with demo.enabled: a ConfigMap, a Deployment, a Service and its NetworkPolicy named <fullname>-demo', () => {
    expect(render().filter((o) => o.metadata.name.endsWith('-demo'))).toEqual([]);
    const objects = render({ values: { demo: { enabled: true } } });
    expect(objects.filter((o) => o.metadata.name === 'rasa-demo').map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'NetworkPolicy', 'Service']);
  });

  test('runs the page server on the minter image, restricted, without a token, reading the widgets ConfigMap', () => {
    const [deployment] = byKind(render({ values: { demo: { enabled: true } } }), 'Deployment');
    const spec = deployment!.spec.template.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec).not.toHaveProperty('serviceAccountName');
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const [container] = spec.containers;
    expect(container).toMatchObject({
      name: 'demo',
      image: 'docker.io/library/node:24.21.0-alpine',
      command: ['node', '/demo/demo.mjs', '/demo/demo.json'],
      ports: [{ name: 'http', containerPort: 8080 }],
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      resources: {
        requests: { cpu: '10m', memory: '64Mi', 'ephemeral-storage': '16Mi' },
        limits: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
      },
    });
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(spec.volumes).toEqual([{ name: 'demo', configMap: { name: 'rasa-demo' } }, { name: 'widgets', configMap: { name: 'rasa-widgets' } }]);
    expect(container.volumeMounts).toEqual([
      { name: 'demo', mountPath: '/demo', readOnly: true }, { name: 'widgets', mountPath: '/widgets', readOnly: true },
    ]);
  });

  test('is a construct of its own, which a chart can place from a plan', () => {
    const settings = resolveSettings({ demo: { enabled: true, port: 9000 } });
    const plan = planBot(settings, { release: 'bot', namespace: 'chat' });
    const chart = new Chart(new App(), 'mine', { disableResourceNameHashes: true, namespace: 'chat' });
    new DemoPage(chart, 'Demo', { plan: plan.demo, demo: settings.demo, minter: settings.minter, selector: plan.labels.demo.selector });
    const objects = Testing.synth(chart) as K8sObject[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/bot-rasa-demo', 'Deployment/bot-rasa-demo', 'Service/bot-rasa-demo']);
    const [service] = byKind(objects, 'Service');
    expect(service!.spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 9000, targetPort: 9000 }], selector: plan.labels.demo.selector });
    expect(byKind(objects, 'Deployment')[0]!.spec.template.metadata.labels).toEqual(plan.labels.demo.selector);
  });
});
