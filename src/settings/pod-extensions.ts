import { hasModelsVolume, MODEL_DOWNLOAD_CONTAINER, MODELS_DIR, MODELS_VOLUME } from './model.js';
import { isDns1123Subdomain, NOT_A_DNS_NAME } from './names.js';
import type { Entry, Scope } from './rules/engine.js';
import type { ExtraEnvFrom, RasaSettings } from './types.js';

/** A section's extension points of its pod (rasa.extraVolumes...), as the values give them. */
export type PodExtensionSettings = Pick<RasaSettings, 'extraVolumes' | 'extraVolumeMounts' | 'initContainers' | 'sidecars' | 'extraEnvFrom'>;

/** What the renderers give a pod themselves, which its extension points may not take. */
export interface OwnPod {
  /** The main container's name. */
  readonly mainContainer: string;
  /** The pod's volumes, in order. */
  readonly volumes: readonly string[];
  /** Where the main container mounts them, in order. */
  readonly mountPaths: readonly string[];
  /** The pod's own init containers, before those of the settings. @default - none */
  readonly initContainers?: readonly string[];
}

/**
 * The Rasa pod's own container, volumes and mounts, as src/constructs/rasa-server.ts and
 * chart/templates/deployment.yaml render them (test/constructs/pod-builder.test.ts holds them to
 * both renders).
 */
export const RASA_POD: OwnPod = {
  mainContainer: 'rasa',
  volumes: ['config', 'tmp', 'home-config', 'home-cache'],
  mountPaths: ['/etc/rasa', '/tmp', '/app/.config', '/app/.cache'],
};

/**
 * The action server pod's own container, volume and mount, as src/constructs/rasa-action-server.ts
 * and chart/templates/action-server-deployment.yaml render them (test/constructs/rasa-action-server.test.ts
 * holds them to the constructs' render, chart/ci/20-action-server-values.yaml the chart's to it).
 */
export const ACTION_SERVER_POD: OwnPod = {
  mainContainer: 'action-server',
  volumes: ['tmp'],
  mountPaths: ['/tmp'],
};

/**
 * The Rasa pod's own parts for these settings: RASA_POD, and the models volume at MODELS_DIR when
 * there is one (rasa.model.persistence, or a download), with the download's init container.
 */
export function rasaPod(rasa: RasaSettings): OwnPod {
  if (!hasModelsVolume(rasa)) return RASA_POD;
  return {
    ...RASA_POD,
    volumes: [...RASA_POD.volumes, MODELS_VOLUME],
    mountPaths: [...RASA_POD.mountPaths, MODELS_DIR],
    initContainers: rasa.model.download.url ? [MODEL_DOWNLOAD_CONTAINER] : [],
  };
}

/** A section's extension points, and its pod's own. */
export interface PodExtensions {
  /** The section's path: rasa, actionServer. */
  readonly section: string;
  readonly settings: PodExtensionSettings;
  readonly own: OwnPod;
}

interface Named {
  readonly at: string;
  readonly name: string;
  /** Whether an earlier item of the same kind has this name. */
  readonly nameTaken: boolean;
  readonly pod: PodExtensions;
}

interface Mount extends Named {
  readonly mountPath: string;
  readonly pathTaken: boolean;
}

interface EnvSource {
  readonly at: string;
  /** The one reference given (configMapRef or secretRef), if exactly one is. */
  readonly kind?: 'configMapRef' | 'secretRef';
  readonly name: string;
}

/** A mount path as the container sees it: /tmp/ is /tmp. */
const mountPoint = (path: string) => path.replace(/(.)\/+$/, '$1');

/**
 * What Kubernetes or the pod's own parts would refuse in a section's extension points: names and
 * paths the pod already has, mounts of no volume, env sources that name nothing. Twin: the
 * "rasa.podExtensionProblems" helper in chart/templates/_validate.tpl.
 */
export const POD_EXTENSION_RULES: readonly Entry<PodExtensions>[] = [
  {
    scope: '{section}.extraVolumes[]',
    items: (pod) => named(pod, 'extraVolumes', pod.settings.extraVolumes, pod.own.volumes),
    rules: [
      {
        id: 'extraVolumeNameTaken', paths: ['{section}.extraVolumes[].name'],
        message: "'%s.name' (%s) is one of the pod's own volumes (%s): give the volume another name",
        check: (v) => v.pod.own.volumes.includes(v.name) && [v.at, v.name, v.pod.own.volumes.join(', ')],
      },
      {
        id: 'extraVolumeNameTwice', paths: ['{section}.extraVolumes[].name'],
        message: "'%s.name' (%s) is used twice: volume names must be unique",
        check: (v) => !v.pod.own.volumes.includes(v.name) && v.nameTaken && [v.at, v.name],
      },
    ],
  } satisfies Scope<PodExtensions, Named>,
  {
    scope: '{section}.extraVolumeMounts[]',
    items: mounts,
    rules: [
      {
        id: 'extraVolumeMountOfOwnVolume', paths: ['{section}.extraVolumeMounts[].name'],
        message: "'%s.name' (%s) is one of the pod's own volumes (%s), which the chart mounts itself: " +
          'mount a volume of %s.extraVolumes',
        check: (m) => m.pod.own.volumes.includes(m.name) && [m.at, m.name, m.pod.own.volumes.join(', '), m.pod.section],
      },
      {
        id: 'extraVolumeMountWithoutVolume', paths: ['{section}.extraVolumeMounts[].name', '{section}.extraVolumes'],
        message: "'%s.name' (%s) names no volume of %s.extraVolumes: add the volume there, or fix the name",
        check: (m) => !m.pod.own.volumes.includes(m.name) && !m.pod.settings.extraVolumes.some((v) => v.name === m.name)
          && [m.at, m.name, m.pod.section],
      },
      {
        id: 'extraVolumeMountPathTaken', paths: ['{section}.extraVolumeMounts[].mountPath'],
        message: "'%s.mountPath' (%s) is where the chart mounts the pod's own volumes (%s): pick another path",
        check: (m) => m.pod.own.mountPaths.includes(mountPoint(m.mountPath))
          && [m.at, m.mountPath, m.pod.own.mountPaths.join(', ')],
      },
      {
        id: 'extraVolumeMountPathTwice', paths: ['{section}.extraVolumeMounts[].mountPath'],
        message: "'%s.mountPath' (%s) is used twice: each mount needs a path of its own",
        check: (m) => !m.pod.own.mountPaths.includes(mountPoint(m.mountPath)) && m.pathTaken && [m.at, m.mountPath],
      },
    ],
  } satisfies Scope<PodExtensions, Mount>,
  {
    scope: '{section}.initContainers[], {section}.sidecars[]',
    // Kubernetes wants every container of a pod, init or not, named apart.
    items: (pod) => named(pod, 'initContainers', pod.settings.initContainers, [])
      .concat(named(pod, 'sidecars', pod.settings.sidecars, pod.settings.initContainers.map((c) => c.name))),
    rules: [
      {
        id: 'containerNameTaken', paths: ['{section}.initContainers[].name', '{section}.sidecars[].name'],
        message: "'%s.name' (%s) is the name of the pod's main container: pick another name",
        check: (c) => c.name === c.pod.own.mainContainer && [c.at, c.name],
      },
      {
        id: 'containerNameOwnInit', paths: ['{section}.initContainers[].name', '{section}.sidecars[].name'],
        message: "'%s.name' (%s) is the name of one of the pod's own init containers (%s): pick another name",
        check: (c) => ownInit(c.pod).includes(c.name) && [c.at, c.name, ownInit(c.pod).join(', ')],
      },
      {
        id: 'containerNameTwice', paths: ['{section}.initContainers[].name', '{section}.sidecars[].name'],
        message: "'%[1]s.name' (%[2]s) is used twice: the containers of %[3]s.initContainers and %[3]s.sidecars " +
          'need names of their own',
        check: (c) => c.name !== c.pod.own.mainContainer && !ownInit(c.pod).includes(c.name) && c.nameTaken
          && [c.at, c.name, c.pod.section],
      },
    ],
  } satisfies Scope<PodExtensions, Named>,
  {
    scope: '{section}.extraEnvFrom[]',
    items: (pod) => pod.settings.extraEnvFrom.map((source, i) => envSource(`${pod.section}.extraEnvFrom[${i}]`, source)),
    rules: [
      {
        id: 'extraEnvFromSource', paths: ['{section}.extraEnvFrom[]'],
        message: "'%s' must have either 'configMapRef' or 'secretRef', naming the ConfigMap or Secret " +
          '(e.g. secretRef: {name: bot-env})',
        check: (e) => !e.name && [e.at],
      },
      {
        id: 'extraEnvFromNameInvalid', paths: ['{section}.extraEnvFrom[].configMapRef.name', '{section}.extraEnvFrom[].secretRef.name'],
        message: NOT_A_DNS_NAME,
        check: (e) => !!e.name && !isDns1123Subdomain(e.name) && [`${e.at}.${e.kind}.name`, e.name],
      },
    ],
  } satisfies Scope<PodExtensions, EnvSource>,
];

const ownInit = (pod: PodExtensions) => pod.own.initContainers ?? [];

/** Each item at `${section}.${list}[i]`, and whether `taken` or an earlier item has its name. */
function named(pod: PodExtensions, list: string, items: readonly { readonly name: string }[], taken: readonly string[]): Named[] {
  const seen = new Set(taken);
  return items.map(({ name }, i) => {
    const item = { at: `${pod.section}.${list}[${i}]`, name, nameTaken: seen.has(name), pod };
    seen.add(name);
    return item;
  });
}

function mounts(pod: PodExtensions): Mount[] {
  const paths = new Set<string>();
  return named(pod, 'extraVolumeMounts', pod.settings.extraVolumeMounts, []).map((item, i) => {
    const mountPath = pod.settings.extraVolumeMounts[i]!.mountPath;
    const mount = { ...item, mountPath, pathTaken: paths.has(mountPoint(mountPath)) };
    paths.add(mountPoint(mountPath));
    return mount;
  });
}

function envSource(at: string, source: ExtraEnvFrom): EnvSource {
  const kinds = (['configMapRef', 'secretRef'] as const).filter((kind) => source[kind] !== undefined);
  return kinds.length === 1 ? { at, kind: kinds[0], name: source[kinds[0]!]?.name ?? '' } : { at, name: '' };
}
