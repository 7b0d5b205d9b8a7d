import { only, podSpec, rasaContainer, render } from '../support/render.js';

describe('the Rasa server Deployment', () => {
  const objects = render();
  const container = rasaContainer(objects);
  const spec = podSpec(objects);

  test('runs rasa run with credentials and endpoints from the mounted ConfigMap', () => {
    expect(container.image).toBe('docker.io/rasa/rasa:3.6.21');
    expect(container.args).toEqual([
      'run', '--port', '5005',
      '--credentials', '/etc/rasa/credentials.yml', '--endpoints', '/etc/rasa/endpoints.yml',
      '--model', 'models',
    ]);
    expect(container.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/rasa', readOnly: true });
    expect(spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'rasa-config' } });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 5005 }]);
  });

  test('takes the socketio key from the Secret through secretKeyRef, the only way it arrives', () => {
    expect(container.env).toContainEqual({
      name: 'RASA_SOCKETIO_JWT_KEY',
      valueFrom: { secretKeyRef: { name: 'rasa-socketio-jwt', key: 'jwt-key' } },
    });
    expect(container.envFrom).toBeUndefined();
  });

  test('passes Pod Security restricted: non-root, seccomp, no privilege, drop ALL, read-only root', () => {
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: 0, fsGroup: 0, fsGroupChangePolicy: 'Always',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, runAsGroup: 0,
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.hostNetwork).toBe(false);
  });

  test('runs as a ServiceAccount of its own whose token is never mounted', () => {
    expect(spec.serviceAccountName).toBe('rasa');
    expect(objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'rasa')).toMatchObject({ automountServiceAccountToken: false });
    const existing = render({ values: { rasa: { serviceAccount: { create: false, name: 'rasa-models' } } } });
    expect(existing.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name.startsWith('rasa-models'))).toEqual([]);
    expect(podSpec(existing).serviceAccountName).toBe('rasa-models');
    expect(podSpec(render({ values: { rasa: { serviceAccount: { create: false } } } }))).not.toHaveProperty('serviceAccountName');
  });

  test('gives Rasa writable scratch space where it writes, and nothing else', () => {
    const mounts = container.volumeMounts.filter((m: { readOnly?: boolean }) => !m.readOnly);
    expect(mounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/tmp', '/app/.config', '/app/.cache']);
    for (const m of mounts) expect(spec.volumes).toContainEqual({ name: m.name, emptyDir: {} });
  });

  test('selects its pods by stable labels only, never by a hash of the construct path', () => {
    const deployment = only(objects, 'Deployment');
    const selector = {
      'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'rasa', 'app.kubernetes.io/component': 'server',
    };
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(only(objects, 'Service').spec.selector).toEqual(selector);
    expect(Object.keys(deployment.spec.template.metadata.labels).filter((l) => l.startsWith('cdk8s.io'))).toEqual([]);
    expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
  });

  test('the selector does not change with the construct tree or the version', () => {
    const elsewhere = render({ values: { rasa: { image: { tag: '3.6.20' } } } });
    expect(only(elsewhere, 'Deployment').spec.selector).toEqual(only(objects, 'Deployment').spec.selector);
  });

  test('probes GET / with a start-up budget long enough to load a model', () => {
    const get = { path: '/', port: 5005, scheme: 'HTTP' };
    expect(container.startupProbe).toEqual({ httpGet: get, periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 });
    expect(container.livenessProbe).toEqual({ httpGet: get, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 });
    expect(container.readinessProbe).toEqual({ httpGet: get, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 });
  });

  test('sets resources exactly as written, leaving out empty limits', () => {
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '3Gi' } });
    const custom = rasaContainer(render({ values: { rasa: { resources: { limits: { cpu: 2, memory: '6Gi' } } } } }));
    expect(custom.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: 2, memory: '6Gi' } });
  });

  test('rolls the pods when the channel configuration changes', () => {
    const checksum = (o: ReturnType<typeof render>) => only(o, 'Deployment').spec.template.metadata.annotations['checksum/config'];
    expect(checksum(objects)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(render({ values: { socketio: { jwtMethod: 'HS512' } } }))).not.toBe(checksum(objects));
    expect(checksum(render({ values: { rasa: { replicaCount: 1 } } }))).toBe(checksum(objects));
  });

  test('runs Rasa Pro with its licence from a Secret', () => {
    const pro = rasaContainer(render({
      values: { rasa: { image: { repository: 'rasa/rasa-pro', tag: '3.13.0' }, license: { secretName: 'rasa-pro-license' } } },
    }));
    expect(pro.image).toBe('docker.io/rasa/rasa-pro:3.13.0');
    expect(pro.env).toContainEqual({
      name: 'RASA_PRO_LICENSE', valueFrom: { secretKeyRef: { name: 'rasa-pro-license', key: 'license' } },
    });
  });

  test('protects the HTTP API with a token from a Secret when it is enabled', () => {
    const api = rasaContainer(render({ values: { rasa: { api: { enabled: true, tokenSecretName: 'rasa-api' } } } }));
    expect(api.args.slice(-3)).toEqual(['--enable-api', '--auth-token', '$(RASA_API_AUTH_TOKEN)']);
    expect(api.env).toContainEqual({
      name: 'RASA_API_AUTH_TOKEN', valueFrom: { secretKeyRef: { name: 'rasa-api', key: 'auth-token' } },
    });
  });

  test('pins the image by digest when one is given, and pulls from the given registry', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const pinned = rasaContainer(render({ values: { rasa: { image: { registry: 'registry.example.com', digest } } } }));
    expect(pinned.image).toBe(`registry.example.com/rasa/rasa@${digest}`);
  });

  test('lets the pages of the given origins reach Rasa across origins (--cors)', () => {
    const cors = rasaContainer(render({ values: { rasa: { cors: ['https://www.example.com', 'https://shop.example.com'] } } }));
    expect(cors.args.slice(-3)).toEqual(['--cors', 'https://www.example.com', 'https://shop.example.com']);
    expect(rasaContainer(render()).args).not.toContain('--cors');
  });

  test('schedules as written in Kubernetes terms, and leaves empty settings out', () => {
    const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'chat', effect: 'NoSchedule' }];
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['chat'] }] }] } } };
    const scheduled = podSpec(render({ values: { rasa: { nodeSelector: { pool: 'chat' }, tolerations, affinity, priorityClassName: 'high' } } }));
    expect(scheduled).toMatchObject({ nodeSelector: { pool: 'chat' }, tolerations, affinity, priorityClassName: 'high' });
    for (const field of ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName']) {
      expect(spec).not.toHaveProperty(field);
    }
  });

  test('loads the model from a model server instead of a path when one is set', () => {
    const fromServer = rasaContainer(render({ values: { rasa: { model: { serverUrl: 'https://models.example.com/m.tar.gz' } } } }));
    expect(fromServer.args).not.toContain('--model');
  });

  test('adds extra env vars, plain or from Secrets, and image pull secrets', () => {
    const objs = render({
      values: {
        rasa: {
          extraEnv: [{ name: 'REDIS_HOST', value: 'redis' }, { name: 'REDIS_PASSWORD', secretName: 'redis', secretKey: 'password' }],
          imagePullSecrets: ['regcred', 'mirror'],
        },
      },
    });
    expect(rasaContainer(objs).env).toEqual(expect.arrayContaining([
      { name: 'REDIS_HOST', value: 'redis' },
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } },
    ]));
    expect(podSpec(objs).imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'mirror' }]);
  });

  test('matches the snapshot of the default pod template', () => {
    expect(only(objects, 'Deployment').spec.template).toMatchSnapshot();
  });
});
