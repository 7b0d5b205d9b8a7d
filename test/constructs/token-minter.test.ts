import { readFileSync } from 'node:fs';
import { only, render, type K8sObject } from '../support/render.js';

const byName = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const job = (objects: K8sObject[]) => only(objects, 'Job');

describe('the token minter', () => {
  const objects = render();

  test('has a ServiceAccount of its own, the only one that mounts a token', () => {
    expect(byName(objects, 'ServiceAccount', 'rasa-minter').automountServiceAccountToken).toBe(true);
    const spec = job(objects).spec.template.spec;
    expect(spec.serviceAccountName).toBe('rasa-minter');
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(only(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('may touch one ConfigMap and the Rasa Deployment by name, and nothing else: no Secrets, no lists', () => {
    expect(byName(objects, 'Role', 'rasa-minter').rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['rasa-widgets'], verbs: ['get', 'patch', 'create'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['rasa'], verbs: ['get', 'patch'] },
    ]);
    const noRestart = render({ values: { minter: { restartOnKeyChange: false } } });
    expect(byName(noRestart, 'Role', 'rasa-minter').rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['rasa-widgets'], verbs: ['get', 'patch', 'create'] },
    ]);
    expect(JSON.parse(byName(noRestart, 'ConfigMap', 'rasa-minter').data['minter.json']).restartDeployment).toBe('');
    expect(byName(objects, 'RoleBinding', 'rasa-minter')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rasa-minter' },
      subjects: [{ kind: 'ServiceAccount', name: 'rasa-minter', namespace: 'default' }],
    });
  });

  test("runs where the Rasa pods run, pulling with their Secrets, unless minter says otherwise; it never gets Rasa's preStop", () => {
    const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'chat', effect: 'NoSchedule' }];
    const rasa = { imagePullSecrets: ['regcred'], nodeSelector: { pool: 'chat' }, tolerations, priorityClassName: 'chat-critical' };
    const inherited = job(render({ values: { rasa } })).spec.template.spec;
    expect(inherited).toMatchObject({ imagePullSecrets: [{ name: 'regcred' }], nodeSelector: { pool: 'chat' }, tolerations, priorityClassName: 'chat-critical' });
    expect(inherited.terminationGracePeriodSeconds).toBe(30);
    expect(inherited.containers[0].lifecycle).toBeUndefined();
    const own = job(render({ values: { rasa, minter: { imagePullSecrets: ['mirror'], nodeSelector: {}, priorityClassName: '' } } })).spec.template.spec;
    expect(own.imagePullSecrets).toEqual([{ name: 'mirror' }]);
    expect(own.tolerations).toEqual(tolerations);
    expect(own.nodeSelector).toBeUndefined();
    expect(own.priorityClassName).toBeUndefined();
  });

  test('gets the key as an env var from the Secret, not by reading the Secret', () => {
    expect(job(objects).spec.template.spec.containers[0].env).toEqual([
      { name: 'RASA_SOCKETIO_JWT_KEY', valueFrom: { secretKeyRef: { name: 'rasa-socketio-jwt', key: 'jwt-key' } } },
    ]);
  });

  test('runs the bundled script on the stock Node image, restricted', () => {
    const spec = job(objects).spec.template.spec;
    const container = spec.containers[0];
    expect(container.image).toBe('docker.io/library/node:24.21.0-alpine');
    expect(container.command).toEqual(['node', '/minter/minter.mjs', '/minter/minter.json']);
    expect(container.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
    });
    expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '16Mi' }, limits: { memory: '128Mi', 'ephemeral-storage': '64Mi' },
    });
    expect(spec.restartPolicy).toBe('Never');
    expect(byName(objects, 'ConfigMap', 'rasa-minter').data['minter.mjs']).toBe(readFileSync('chart/files/minter.mjs', 'utf8'));
  });

  test('feeds the minter the resolved widgets, the method and the output name', () => {
    expect(JSON.parse(byName(objects, 'ConfigMap', 'rasa-minter').data['minter.json'])).toEqual({
      configMap: 'rasa-widgets',
      keyEnv: 'RASA_SOCKETIO_JWT_KEY',
      method: 'HS256',
      restartDeployment: 'rasa',
      labels: {
        'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'rasa',
        'app.kubernetes.io/component': 'minter', 'app.kubernetes.io/version': '3.6.21',
      },
      widgets: [{ name: 'web-chat', url: 'http://localhost:5005', claims: { sender_id: 'rasa-chat-widget' }, expiresIn: '', initialPayload: '' }],
    });
    const withIngress = render({ values: { ingress: { enabled: true, host: 'bot.example.com', tlsSecretName: 'tls' } } });
    expect(JSON.parse(byName(withIngress, 'ConfigMap', 'rasa-minter').data['minter.json']).widgets[0].url).toBe('https://bot.example.com');
  });

  test('bounds the Job and keeps it after it finishes, for GitOps tools', () => {
    expect(job(objects).spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 300 });
    expect(job(objects).spec).not.toHaveProperty('ttlSecondsAfterFinished');
    expect(job(render({ values: { minter: { ttlSecondsAfterFinished: 600 } } })).spec.ttlSecondsAfterFinished).toBe(600);
  });

  test('is named after a hash of its inputs, so a change runs a new Job', () => {
    const name = job(objects).metadata.name;
    expect(name).toMatch(/^rasa-minter-[0-9a-f]{10}$/);
    expect(job(render()).metadata.name).toBe(name);
    expect(job(render({ values: { widgets: [{ name: 'other' }] } })).metadata.name).not.toBe(name);
    expect(job(render({ values: { minter: { resources: { limits: { memory: '256Mi' } } } } })).metadata.name).not.toBe(name);
    expect(job(render({ values: { rasa: { replicaCount: 1, image: { tag: '3.6.20' } } } })).metadata.name).toBe(name);
    expect(job(render({ release: 'a'.repeat(53) })).metadata.name.length).toBeLessThanOrEqual(63);
  });

  test('gets a new name when a literal key changes, which the pod reads from the Secret without its template changing', () => {
    const withKey = (literal: string) => job(render({ values: { socketio: { jwtKey: { literal } } } })).metadata.name as string;
    expect(withKey('a'.repeat(32))).not.toBe(withKey('b'.repeat(32)));
    expect(withKey('a'.repeat(32))).toBe(withKey('a'.repeat(32)));
    expect(withKey('a'.repeat(32))).not.toContain('a'.repeat(8));
  });

  test('writes to the ConfigMap the user names', () => {
    const named = render({ values: { minter: { configMapName: 'chat-tokens' } } });
    expect(byName(named, 'Role', 'rasa-minter').rules[0].resourceNames).toEqual(['chat-tokens']);
  });

  test('can be left out', () => {
    expect(render({ values: { minter: { enabled: false } } }).filter((o) => o.metadata.name.includes('minter'))).toEqual([]);
  });
});
