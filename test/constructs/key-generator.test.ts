import { readFileSync } from 'node:fs';
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

  test('runs its own bundled program from its own files, with no key in its environment', () => {
    const job = keygen(objects, 'Job');
    expect(job.metadata.name).toMatch(/^rasa-keygen-[0-9a-f]{10}$/);
    const container = job.spec.template.spec.containers[0];
    expect(container.name).toBe('keygen');
    expect(container.command).toEqual(['node', '/keygen/keygen.mjs', '/keygen/keygen.json']);
    expect(container.volumeMounts).toEqual([{ name: 'keygen', mountPath: '/keygen', readOnly: true }]);
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'keygen', configMap: { name: 'rasa-keygen' } }]);
    expect(container.env).toBeUndefined();
    expect(job.spec.template.spec.serviceAccountName).toBe('rasa-keygen');
    const files = keygen(objects, 'ConfigMap').data;
    expect(Object.keys(files).sort()).toEqual(['keygen.json', 'keygen.mjs']);
    expect(files['keygen.mjs']).toBe(readFileSync('chart/files/keygen.mjs', 'utf8'));
    expect(JSON.parse(files['keygen.json'])).toEqual({
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
