import { App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { LOCAL_ONLY_ANNOTATION, RasaBot } from '../../src/constructs/index.js';
import { only, render, type K8sObject } from '../support/render.js';

const KEY = 'k3y-material-0123456789abcdefghijkl';

describe('RasaBot', () => {
  test('renders the server, its Service and config, and the minter; the key Secret is referenced', () => {
    const objects = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/rasa-config', 'ServiceAccount/rasa', 'Deployment/rasa', 'Service/rasa',
      'ConfigMap/rasa-widgets', 'ServiceAccount/rasa-minter', 'Role/rasa-minter', 'RoleBinding/rasa-minter', 'ConfigMap/rasa-minter',
      expect.stringMatching(/^Job\/rasa-minter-[0-9a-f]{10}$/),
      'NetworkPolicy/rasa', 'NetworkPolicy/rasa-minter',
    ]);
    for (const o of objects) expect(o.metadata.namespace).toBe('default');
  });

  test('names objects as `helm install <release>` does', () => {
    const names = (props: Parameters<typeof render>[0]) =>
      render(props).filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(names({ release: 'bot' })).toEqual(['bot-rasa']);
    expect(names({ release: 'rasa-prod' })).toEqual(['rasa-prod']);
    expect(names({ release: 'bot', values: { nameOverride: 'chat' } })).toEqual(['bot-chat']);
    expect(names({ release: 'bot', values: { fullnameOverride: 'web-chat' } })).toEqual(['web-chat']);
    expect(names({ release: 'a'.repeat(53) })).toEqual([`${'a'.repeat(53)}-rasa`.slice(0, 63)]);
  });

  test('the default render holds no key material at all', () => {
    const text = render().map((o) => stringify(o)).join('---\n');
    expect(text).not.toMatch(/kind: Secret/);
    expect(text).not.toMatch(/jwt_key: (?!\$\{RASA_SOCKETIO_JWT_KEY\}\n)/);
  });

  test('a literal key (local use) lands only inside the Secret, which says it is local-only', () => {
    const objects = render({ values: { socketio: { jwtKey: { literal: KEY } } } });
    const secret = only(objects, 'Secret');
    expect(secret.metadata.name).toBe('rasa-socketio-jwt');
    expect(secret.stringData).toEqual({ 'jwt-key': KEY });
    expect(secret.metadata.annotations[LOCAL_ONLY_ANNOTATION]).toMatch(/create the Secret yourself/);
    const elsewhere = objects.filter((o) => o.kind !== 'Secret').map((o) => JSON.stringify(o)).join('\n');
    expect(elsewhere).not.toContain(KEY);
    expect(JSON.stringify(secret)).toContain(KEY);
  });

  test('keeps pods up through node drains once there are several, never blocking drains with one', () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    const pdb = only(render({ values: { rasa: { replicaCount: 3, endpoints: stores } } }), 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'rasa', 'app.kubernetes.io/component': 'server' } },
    });
    expect(render().filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(render({ values: { rasa: { replicaCount: 3, endpoints: stores, podDisruptionBudget: { enabled: false } } } })
      .filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test('scales with an autoscaler, leaving the Deployment without a count of its own', () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    const objects = render({
      values: { rasa: { replicaCount: 3, endpoints: stores, autoscaling: { enabled: true, maxReplicas: 4, targetMemoryUtilizationPercentage: 90 } } },
    });
    const hpa = only(objects, 'HorizontalPodAutoscaler');
    expect(hpa).toMatchObject({ apiVersion: 'autoscaling/v2', metadata: { name: 'rasa', namespace: 'default' } });
    const utilization = (name: string, averageUtilization: number) =>
      ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization } } });
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'rasa' },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [utilization('cpu', 80), utilization('memory', 90)],
    });
    expect(only(objects, 'Deployment').spec).not.toHaveProperty('replicas');
    expect(only(objects, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(only(render({ values: { rasa: { replicaCount: 3, endpoints: stores } } }), 'Deployment').spec.replicas).toBe(3);
    expect(render().filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('keeps each client IP on one pod once more than one can run, unless told otherwise', () => {
    const stores = { tracker_store: { type: 'redis' }, lock_store: { type: 'redis' } };
    const affinity = (values: Parameters<typeof render>[0]) => only(render(values), 'Service').spec.sessionAffinity;
    expect(affinity({})).toBeUndefined();
    expect(affinity({ values: { rasa: { replicaCount: 2, endpoints: stores } } })).toBe('ClientIP');
    expect(affinity({ values: { rasa: { endpoints: stores, autoscaling: { enabled: true } } } })).toBe('ClientIP');
    // None is Kubernetes' default: left out, as before the setting existed.
    expect(affinity({ values: { rasa: { replicaCount: 2, endpoints: stores }, service: { sessionAffinity: 'None' } } })).toBeUndefined();
    expect(affinity({ values: { service: { sessionAffinity: 'ClientIP' } } })).toBe('ClientIP');
  });

  test('uses the given namespace on every object', () => {
    for (const o of render({ namespace: 'chat' })) expect(o.metadata.namespace).toBe('chat');
  });

  test("takes the Chart's namespace, in the RoleBinding's subject and the action server's URL too", () => {
    const chart = new Chart(new App(), 'mine', { disableResourceNameHashes: true, namespace: 'chat' });
    new RasaBot(chart, 'Bot', { values: { actionServer: { enabled: true } } });
    const objects = Testing.synth(chart) as K8sObject[];
    for (const o of objects) expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'chat']);
    expect(only(objects, 'RoleBinding').subjects).toEqual([expect.objectContaining({ kind: 'ServiceAccount', name: 'rasa-minter', namespace: 'chat' })]);
    expect(objects.find((o) => o.metadata.name === 'rasa-config')!.data['endpoints.yml']).toContain('url: http://rasa-actions.chat.svc:5055/webhook');
  });

  test('refuses to guess a namespace: without the prop or the Chart\'s, it says how to give one', () => {
    const chart = new Chart(new App(), 'mine');
    expect(() => new RasaBot(chart, 'Bot')).toThrow(
      "invalid settings:\n- RasaBot needs a namespace: its RoleBindings and the action server's URL name it. Give the Chart one " +
      "(new Chart(app, 'bot', { namespace: 'chat' })) or RasaBot the prop namespace",
    );
    expect(() => render({ namespace: 'My_Chat' })).toThrow(
      "'namespace' (My_Chat) is not a valid namespace name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
    );
  });

  test('labels every object with the common labels and the standard ones', () => {
    for (const o of render({ release: 'bot', values: { commonLabels: { team: 'cx' } } })) {
      expect(o.metadata.labels).toEqual({
        team: 'cx',
        'app.kubernetes.io/name': 'rasa',
        'app.kubernetes.io/instance': 'bot',
        'app.kubernetes.io/component': /minter|widgets/.test(o.metadata.name) ? 'minter' : 'server',
        'app.kubernetes.io/version': '3.6.21',
      });
    }
  });

  test('routes only the socket.io path through the Ingress while no other channel is on', () => {
    const ingress = only(render({
      values: { ingress: { enabled: true, host: 'bot.example.com', tlsSecretName: 'bot-tls', className: 'nginx' } },
    }), 'Ingress');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{
        host: 'bot.example.com',
        http: { paths: [{ path: '/socket.io', pathType: 'Prefix', backend: { service: { name: 'rasa', port: { number: 5005 } } } }] },
      }],
      tls: [{ hosts: ['bot.example.com'], secretName: 'bot-tls' }],
    });
  });

  test('routes the webhooks, the HTTP API and the extra paths after it, in that order, with sticky sessions', () => {
    const web = { path: '/static', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } } as const;
    const bucket = { path: '/assets', pathType: 'ImplementationSpecific', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'assets' } } } as const;
    const ingress = only(render({
      values: {
        channels: { rest: {} },
        rasa: { api: { enabled: true, tokenSecretName: 'api-token' } },
        ingress: {
          enabled: true, host: 'bot.example.com', exposeApi: true, stickySessions: true, extraPaths: [web, bucket],
          annotations: { 'nginx.ingress.kubernetes.io/affinity-mode': 'balanced' },
        },
      },
    }), 'Ingress');
    const rasa = { service: { name: 'rasa', port: { number: 5005 } } };
    expect(ingress.spec.rules).toEqual([{
      host: 'bot.example.com',
      http: {
        paths: [
          { path: '/socket.io', pathType: 'Prefix', backend: rasa },
          { path: '/webhooks/', pathType: 'Prefix', backend: rasa },
          { path: '/', pathType: 'Prefix', backend: rasa },
          web,
          bucket,
        ],
      },
    }]);
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
      'nginx.ingress.kubernetes.io/affinity-mode': 'balanced',
      'nginx.ingress.kubernetes.io/session-cookie-name': 'rasa-socketio',
    });
  });

  test('refuses a release name Helm would refuse', () => {
    expect(() => render({ release: 'Bot' })).toThrow(
      "'release' (Bot) is not a valid release name: use at most 53 lower-case letters, digits and '-', starting and ending with a letter or digit",
    );
    expect(() => render({ release: 'b'.repeat(54) })).toThrow(/is not a valid release name/);
  });
});
