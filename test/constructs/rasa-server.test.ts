import { readFileSync } from 'node:fs';
import { resolveSettings } from '../../src/settings/index.js';
import { rasaPod } from '../../src/settings/pod-extensions.js';
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

  test('probes GET / with a start-up budget long enough to load a model; liveness differs from readiness', () => {
    const get = { path: '/', port: 5005, scheme: 'HTTP' };
    expect(container.startupProbe).toEqual({ httpGet: get, periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 });
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 5005 }, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 });
    expect(container.readinessProbe).toEqual({ httpGet: get, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 });
  });

  test('with the HTTP API on, is ready only when /status says a model is loaded (the token from the env, never in the spec)', () => {
    const withApi = rasaContainer(render({ values: { rasa: { port: 5006, api: { enabled: true, tokenSecretName: 'rasa-api' } } } }));
    const [python, flag, script, ...args] = withApi.readinessProbe.exec.command;
    expect([python, flag, args]).toEqual(['python', '-c', ['5006', 'RASA_API_AUTH_TOKEN']]);
    expect(script).toBe(readFileSync('chart/files/model-ready.py', 'utf8'));
    expect(withApi.readinessProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 });
    expect(withApi.livenessProbe.tcpSocket).toEqual({ port: 5006 });
    expect(withApi.startupProbe.httpGet).toEqual({ path: '/', port: 5006, scheme: 'HTTP' });
  });

  test('sets resources exactly as written, leaving out empty limits', () => {
    const ephemeral = { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '8Gi' } };
    expect(container.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', ...ephemeral.requests }, limits: { memory: '3Gi', ...ephemeral.limits },
    });
    const custom = rasaContainer(render({ values: { rasa: { resources: { limits: { cpu: 2, memory: '6Gi', 'ephemeral-storage': null } } } } }));
    expect(custom.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi', ...ephemeral.requests }, limits: { cpu: 2, memory: '6Gi' } });
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
    const fromServer = rasaContainer(render({
      values: { rasa: { api: { enabled: true, tokenSecretName: 'rasa-api' }, model: { serverUrl: 'https://models.example.com/m.tar.gz' } } },
    }));
    expect(fromServer.args).not.toContain('--model');
  });

  test('downloads the model into an emptyDir before Rasa starts, checked by its SHA-256, and loads that file', () => {
    const sha256 = 'ab'.repeat(32);
    const download = { url: 'https://models.example.com/m.tar.gz', sha256, token: { secretName: 'model-store', secretKey: 'bearer' } };
    const pod = podSpec(render({ values: { rasa: { model: { download }, initContainers: [{ name: 'mine', image: 'busybox' }] } } }));
    const rasa = pod.containers.find((c: { name: string }) => c.name === 'rasa');
    expect(rasa.args.slice(rasa.args.indexOf('--model'), rasa.args.indexOf('--model') + 2)).toEqual(['--model', `/app/models/${sha256}.tar.gz`]);
    expect(rasa.volumeMounts.at(-1)).toEqual({ name: 'models', mountPath: '/app/models' });
    expect(pod.volumes.at(-1)).toEqual({ name: 'models', emptyDir: {} });
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(['model-download', 'mine']);
    const [fetch] = pod.initContainers;
    expect(fetch).toEqual({
      name: 'model-download',
      image: rasa.image,
      imagePullPolicy: rasa.imagePullPolicy,
      command: ['python', '-c', readFileSync('chart/files/model-download.py', 'utf8')],
      args: [download.url, sha256, `/app/models/${sha256}.tar.gz`],
      env: [{ name: 'MODEL_DOWNLOAD_TOKEN', valueFrom: { secretKeyRef: { name: 'model-store', key: 'bearer' } } }],
      resources: rasa.resources,
      securityContext: rasa.securityContext,
      volumeMounts: [{ name: 'models', mountPath: '/app/models' }],
    });
  });

  test("the pod's own parts with a model download into a claim are those the rules keep the extension points off (rasaPod)", () => {
    const values = { rasa: { model: { download: { url: 'https://models.example.com/m.tar.gz', sha256: 'ab'.repeat(32) }, persistence: { enabled: true } } } };
    const own = rasaPod(resolveSettings(values).rasa);
    const pod = podSpec(render({ values }));
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(own.volumes);
    expect(rasaContainer(render({ values })).volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(own.mountPaths);
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(own.initContainers);
  });

  test('mounts the models claim at /app/models, where the default rasa.model.path points', () => {
    const pod = podSpec(render({ values: { rasa: { model: { persistence: { enabled: true } } } } }));
    expect(pod.volumes.at(-1)).toEqual({ name: 'models', persistentVolumeClaim: { claimName: 'rasa-models' } });
    expect(pod.initContainers).toBeUndefined();
    const rasa = pod.containers.find((c: { name: string }) => c.name === 'rasa');
    expect(rasa.args.slice(rasa.args.indexOf('--model'))).toEqual(['--model', 'models']);
    const existing = podSpec(render({ values: { rasa: { model: { persistence: { enabled: true, existingClaim: 'bot-models' } } } } }));
    expect(existing.volumes.at(-1)).toEqual({ name: 'models', persistentVolumeClaim: { claimName: 'bot-models' } });
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

  test('restarts safely: a new pod is Ready before an old one stops, which keeps serving through a preStop sleep', () => {
    expect(only(objects, 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(container.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '10'] } } });
    expect(spec.terminationGracePeriodSeconds).toBe(60);
  });

  test('takes the update and stop settings as written; a preStop delay of 0 is no hook', () => {
    const objs = render({ values: { rasa: { rollingUpdate: { maxSurge: 2, maxUnavailable: '50%' }, preStopDelaySeconds: 0, terminationGracePeriodSeconds: 0 } } });
    expect(only(objs, 'Deployment').spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: '50%' });
    expect(rasaContainer(objs).lifecycle).toBeUndefined();
    expect(podSpec(objs).terminationGracePeriodSeconds).toBe(0);
  });

  test('matches the snapshot of the default pod template', () => {
    expect(only(objects, 'Deployment').spec.template).toMatchSnapshot();
  });
});
