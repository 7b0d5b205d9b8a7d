import { render, type K8sObject } from '../support/render.js';

const keygen = (objects: K8sObject[], kind: string) =>
  objects.find((o) => o.kind === kind && o.metadata.labels['app.kubernetes.io/component'] === 'keygen')!;

describe('the key generator (socketio.jwtKey.generate)', () => {
  const objects = render({ values: { socketio: { jwtKey: { generate: true, secretName: 'bot-jwt' } } } });

  test('is left out unless asked for', () => {
    expect(render().filter((o) => o.metadata.name.includes('keygen'))).toEqual([]);
  });

  test('may get, create and patch the one key Secret by name, and nothing else', () => {
    expect(keygen(objects, 'Role').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['bot-jwt'], verbs: ['get', 'patch', 'create'] },
    ]);
    expect(keygen(objects, 'RoleBinding').subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'rasa-keygen', namespace: 'default' }]);
  });

  test('runs the bundled script in its ensure-key mode, with no key in its environment', () => {
    const job = keygen(objects, 'Job');
    expect(job.metadata.name).toMatch(/^rasa-keygen-[0-9a-f]{10}$/);
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toEqual(['node', '/minter/minter.mjs', '--ensure-key', '/minter/keygen.json']);
    expect(container.env).toBeUndefined();
    expect(job.spec.template.spec.serviceAccountName).toBe('rasa-keygen');
    expect(JSON.parse(keygen(objects, 'ConfigMap').data['keygen.json'])).toEqual({
      secretName: 'bot-jwt', secretKey: 'jwt-key', method: 'HS256',
      labels: {
        'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'rasa',
        'app.kubernetes.io/component': 'keygen', 'app.kubernetes.io/version': '3.6.21',
      },
    });
  });

  test('renders no Secret: the key never passes through the manifests', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });
});
