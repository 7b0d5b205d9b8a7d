import { stringify } from 'yaml';
import { LOCAL_ONLY_ANNOTATION } from '../../src/constructs/index.js';
import { only, render } from '../support/render.js';

const KEY = 'k3y-material-0123456789abcdefghijkl';

describe('RasaBot', () => {
  test('renders the server, its Service and config, and the minter; the key Secret is referenced', () => {
    const objects = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/rasa-config', 'ServiceAccount/rasa', 'Deployment/rasa', 'Service/rasa',
      'ConfigMap/rasa-widgets', 'ServiceAccount/rasa-minter', 'Role/rasa-minter', 'RoleBinding/rasa-minter', 'ConfigMap/rasa-minter',
      expect.stringMatching(/^Job\/rasa-minter-[0-9a-f]{10}$/),
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

  test('uses the given namespace on every object', () => {
    for (const o of render({ namespace: 'chat' })) expect(o.metadata.namespace).toBe('chat');
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

  test('routes only the socket.io path through the Ingress', () => {
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

  test('refuses a release name Helm would refuse', () => {
    expect(() => render({ release: 'Bot' })).toThrow(
      "'release' (Bot) is not a valid release name: use at most 53 lower-case letters, digits and '-', starting and ending with a letter or digit",
    );
    expect(() => render({ release: 'b'.repeat(54) })).toThrow(/is not a valid release name/);
  });
});
