import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { buildPod, type PodSettings } from '../../src/constructs/pod-builder.js';
import { RASA_POD } from '../../src/settings/pod-extensions.js';
import { podSpec, rasaContainer, render, type K8sObject } from '../support/render.js';

const SETTINGS: PodSettings = {
  podSecurityContext: { runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } },
  containerSecurityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
  resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '', memory: '2Gi' } },
  nodeSelector: { pool: 'chat' },
};

/** The pod template of a Deployment whose main container `app` has sidecars added before and after the pod is built. */
function deploymentTemplate(opts: { before?: string[]; after?: string[]; settings?: PodSettings } = {}): K8sObject {
  const chart = new Chart(new App(), 'test');
  const deployment = new kplus.Deployment(chart, 'Deployment', { select: false, containers: [] });
  deployment.select(kplus.LabelSelector.of({ labels: { app: 'test' } }));
  const add = (name: string) => deployment.addContainer({ name, image: name, resources: {} });
  (opts.before ?? []).forEach(add);
  add('app');
  buildPod(deployment, 'app', opts.settings ?? SETTINGS);
  (opts.after ?? []).forEach(add);
  const [object] = Testing.synth(chart) as K8sObject[];
  return object!.spec.template;
}

const deploymentPod = (opts: Parameters<typeof deploymentTemplate>[0] = {}): K8sObject => deploymentTemplate(opts).spec;

const byName = (spec: K8sObject, name: string): K8sObject => spec.containers.find((c: K8sObject) => c.name === name);

describe('the pod builder', () => {
  test.each([
    ['a sidecar added before the main container', { before: ['proxy'] }],
    ['a sidecar added after the pod is built', { after: ['proxy'] }],
    ['sidecars on both sides', { before: ['proxy'], after: ['shipper'] }],
  ])('finds the main container by name with %s', (_, opts) => {
    const spec = deploymentPod(opts);
    const app = byName(spec, 'app');
    expect(app.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { memory: '2Gi' } });
    expect(app.securityContext).toEqual(SETTINGS.containerSecurityContext);
    for (const sidecar of spec.containers.filter((c: K8sObject) => c.name !== 'app')) {
      expect(sidecar.resources).toBeUndefined();
      expect(sidecar.securityContext.capabilities).toBeUndefined();
    }
  });

  test('writes the pod security context and scheduling, and drops the construct-path label', () => {
    const template = deploymentTemplate();
    const spec = template.spec;
    // cdk8s-plus-27 gives every pod template a cdk8s.io/metadata.addr label, its only one here.
    expect(template.metadata.labels).toEqual({});
    expect(spec.securityContext).toEqual(SETTINGS.podSecurityContext);
    expect(spec.nodeSelector).toEqual({ pool: 'chat' });
    expect(spec).not.toHaveProperty('imagePullSecrets');
    expect(spec).not.toHaveProperty('tolerations');
  });

  test('leaves out a security context that the settings empty, as the chart does', () => {
    const spec = deploymentPod({ settings: { ...SETTINGS, podSecurityContext: {}, containerSecurityContext: {} } });
    expect(spec).not.toHaveProperty('securityContext');
    expect(byName(spec, 'app')).not.toHaveProperty('securityContext');
  });

  test('says which container it could not find, and which there are', () => {
    const chart = new Chart(new App(), 'test');
    const job = new kplus.Job(chart, 'Job', { containers: [{ name: 'minter', image: 'node' }] });
    expect(() => buildPod(job, 'keygen', SETTINGS)).toThrow("container 'keygen' is not in test/Job (its containers: minter)");
  });
});

describe('the extension points', () => {
  // Fields cdk8s-plus-27's typed serializer would drop (restartPolicy of an init container, unknown
  // to Kubernetes 1.27, and anything misspelt) or misread (quantities, a port number).
  const sidecar = { name: 'proxy', image: 'envoy', ports: [{ containerPort: 9901 }], resources: { limits: { cpu: '100m', memory: '64Mi' } }, fromTheFuture: { on: true } };
  const init = { name: 'prepare', image: 'busybox', command: ['true'], restartPolicy: 'Always' };
  const rasa = {
    extraVolumes: [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }],
    extraVolumeMounts: [{ name: 'data', mountPath: '/app/data', readOnly: true }],
    initContainers: [init],
    sidecars: [sidecar],
    extraEnvFrom: [{ secretRef: { name: 'bot-env' } }],
  };
  const spec = podSpec(render({ values: { rasa } }));
  const main = spec.containers.find((c: K8sObject) => c.name === 'rasa');

  test('are written as given, after the pod\'s own items: a sidecar gets none of the main container\'s settings', () => {
    expect(spec.containers.map((c: K8sObject) => c.name)).toEqual(['rasa', 'proxy']);
    expect(spec.containers[1]).toEqual(sidecar);
    expect(spec.initContainers).toEqual([init]);
    expect(spec.volumes.map((v: K8sObject) => v.name)).toEqual([...RASA_POD.volumes, 'data']);
    expect(spec.volumes.at(-1)).toEqual(rasa.extraVolumes[0]);
  });

  test('the main container gets the mounts and env sources, and keeps its own settings', () => {
    expect(main.volumeMounts.map((m: K8sObject) => m.mountPath)).toEqual([...RASA_POD.mountPaths, '/app/data']);
    expect(main.volumeMounts.at(-1)).toEqual(rasa.extraVolumeMounts[0]);
    expect(main.envFrom).toEqual(rasa.extraEnvFrom);
    expect(main.resources).toEqual(rasaContainer(render()).resources);
    expect(main.securityContext).toEqual(rasaContainer(render()).securityContext);
  });

  test("the Rasa pod's own container, volumes and mounts are those the rules keep them off (RASA_POD)", () => {
    const defaults = podSpec(render());
    expect(defaults.containers.map((c: K8sObject) => c.name)).toEqual([RASA_POD.mainContainer]);
    expect(defaults.volumes.map((v: K8sObject) => v.name)).toEqual(RASA_POD.volumes);
    expect(rasaContainer(render()).volumeMounts.map((m: K8sObject) => m.mountPath)).toEqual(RASA_POD.mountPaths);
    expect(defaults).not.toHaveProperty('initContainers');
    expect(rasaContainer(render())).not.toHaveProperty('envFrom');
  });

  test('go to the main container found by name, whatever containers the workload has before or after it', () => {
    const settings = { ...SETTINGS, extraVolumeMounts: rasa.extraVolumeMounts, extraEnvFrom: rasa.extraEnvFrom, sidecars: [sidecar] };
    const pod = deploymentPod({ before: ['shipper'], after: ['late'], settings });
    expect(pod.containers.map((c: K8sObject) => c.name)).toEqual(['shipper', 'app', 'late', 'proxy']);
    expect(byName(pod, 'app')).toMatchObject({ volumeMounts: rasa.extraVolumeMounts, envFrom: rasa.extraEnvFrom });
    expect(byName(pod, 'shipper')).not.toHaveProperty('envFrom');
    expect(byName(pod, 'late')).not.toHaveProperty('volumeMounts');
  });
});

describe('a null in the values removes a security context key from every pod, as in Helm', () => {
  const ids = { runAsUser: null, runAsGroup: null };
  const objects = render({
    values: {
      socketio: { jwtKey: { generate: true } },
      rasa: { podSecurityContext: { ...ids, fsGroup: null }, containerSecurityContext: ids },
      // The Node image's pods have no fsGroup to remove.
      minter: { podSecurityContext: ids, containerSecurityContext: ids },
    },
  });
  const pods = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').map((o) => o.spec.template.spec);

  test('the Rasa pod and both Jobs are rendered', () => {
    expect(pods).toHaveLength(3);
  });

  test('no pod or container names a UID, a GID or an fsGroup; the restricted settings stay', () => {
    for (const spec of pods) {
      expect(spec.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }));
      expect(Object.keys(spec.securityContext)).toEqual(expect.not.arrayContaining(['runAsUser', 'runAsGroup', 'fsGroup']));
      for (const container of spec.containers) {
        expect(container.securityContext).toEqual({
          runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  test('the defaults are untouched by that', () => {
    expect(podSpec(render()).securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 0, fsGroup: 0 });
    expect(rasaContainer(render()).securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 0 });
  });
});

const BY_INDEX = /containers\/\d/;
const HAND_BUILT_METADATA = /\b(metadata|podMetadata)\s*:\s*\{/;

describe('src/ patches containers by name and takes metadata from the plan', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const matches = (paths: readonly string[], pattern: RegExp) => paths.flatMap((path) => readFileSync(path, 'utf8').split('\n')
    .flatMap((line, i) => (pattern.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])));

  test('no container is reached by its index', () => {
    expect(matches(files('src'), BY_INDEX)).toEqual([]);
  });

  test('no construct writes a metadata block by hand (objectMetadata and podMetadata do)', () => {
    expect(matches(files('src/constructs'), HAND_BUILT_METADATA)).toEqual([]);
  });

  test('the checks catch what they look for', () => {
    expect(BY_INDEX.test("setResources(deployment, '/spec/template/spec/containers/0', resources);")).toBe(true);
    expect(['podMetadata: { labels: {} },', 'metadata: { name },', 'metadata: objectMetadata(plan),'].filter((l) => HAND_BUILT_METADATA.test(l)))
      .toEqual(['podMetadata: { labels: {} },', 'metadata: { name },']);
  });
});
