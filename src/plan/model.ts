import {
  API_TOKEN_ENV, hasModelsVolume, MODEL_DOWNLOAD_CONTAINER, MODELS_DIR, MODELS_VOLUME, readChartFile,
  type Quantity, type RasaSettings, type Settings,
} from '../settings/index.js';
import { imageRef } from './image.js';
import { modelClaimName } from './names.js';

/** The download init container's environment variable with the token, when rasa.model.download.token is set. */
export const MODEL_DOWNLOAD_TOKEN_ENV = 'MODEL_DOWNLOAD_TOKEN';

/** A Kubernetes object as both renderers write it (a container, a volume, a probe). */
export type KubeObject = Readonly<Record<string, unknown>>;

/** A probe as Kubernetes spells it: one of httpGet, tcpSocket and exec, and its timing. */
export interface ProbePlan {
  /** An HTTP GET of a path on the container's port; healthy on a 2xx or 3xx answer. */
  readonly httpGet?: {
    /** The path asked for, such as `/`. */
    readonly path: string;
    /** The container's port. */
    readonly port: number;
    /** Plain HTTP: the probe runs inside the cluster. */
    readonly scheme: 'HTTP';
  };
  /** A TCP connection to the container's port; healthy when it opens. */
  readonly tcpSocket?: {
    /** The container's port. */
    readonly port: number;
  };
  /** A command run in the container; healthy when it exits 0. */
  readonly exec?: {
    /** The program and its arguments, run without a shell. */
    readonly command: readonly string[];
  };
  /** Seconds between two checks. */
  readonly periodSeconds: number;
  /** Failed checks in a row after which Kubernetes gives up (restarts the container, or takes the pod out of the Service). */
  readonly failureThreshold: number;
  /** Seconds after which a check counts as failed. */
  readonly timeoutSeconds: number;
}

/** The Rasa container's probes. */
export interface ServerProbes {
  /** Holds the other two off until Rasa answers, however long a model takes to load (rasa.startupProbe). */
  readonly startupProbe: ProbePlan;
  /** Restarts a Rasa that no longer accepts connections (rasa.livenessProbe). */
  readonly livenessProbe: ProbePlan;
  /** Takes a pod out of the Service while it cannot serve, e.g. with no model yet (rasa.readinessProbe). */
  readonly readinessProbe: ProbePlan;
}

/**
 * A script the chart ships under chart/files/ (model-download.py, model-ready.py), run with
 * `python -c` on the Rasa image: the same bytes in both renderers.
 */
export function modelScript(name: 'model-download' | 'model-ready'): string {
  return readChartFile(`files/${name}.py`);
}

/** The file a download lands in: named by its SHA-256, so that a claim keeps each model apart. */
export function downloadedModelFile(s: Settings): string {
  return `${MODELS_DIR}/${s.rasa.model.download.sha256}.tar.gz`;
}

/**
 * What `rasa run --model` gets: the downloaded file, else rasa.model.path; nothing with a model
 * server, which endpoints.yml names.
 * Twin: the chart's "rasa.modelArg" helper.
 */
export function modelArg(s: Settings): string | undefined {
  const { model } = s.rasa;
  if (model.serverUrl) return undefined;
  return model.download.url ? downloadedModelFile(s) : model.path;
}

/**
 * The models volume, when there is one: the claim (rasa.model.persistence), else an emptyDir for
 * the download to land in. A list of none or one, as the pod's volumes after its own.
 * Twin: the chart's "rasa.modelVolumes" helper.
 */
export function modelVolumes(s: Settings, fullname: string): KubeObject[] {
  if (!hasModelsVolume(s.rasa)) return [];
  return [s.rasa.model.persistence.enabled
    ? { name: MODELS_VOLUME, persistentVolumeClaim: { claimName: modelClaimName(s, fullname) } }
    : { name: MODELS_VOLUME, emptyDir: {} }];
}

/**
 * Where a container mounts the models volume (MODELS_DIR), when there is one. Rasa reads it; the
 * download writes it, and so may Rasa's API (a model trained through it lands in models/).
 * Twin: the chart's "rasa.modelVolumeMounts" helper.
 */
export function modelVolumeMounts(rasa: RasaSettings): KubeObject[] {
  return hasModelsVolume(rasa) ? [{ name: MODELS_VOLUME, mountPath: MODELS_DIR }] : [];
}

/**
 * The init container that fetches rasa.model.download.url into the models volume, when set: on the
 * Rasa image itself (its Python runs chart/files/model-download.py), with the Rasa container's pull
 * policy, resources and security context (an init container's resources do not add to the pod's:
 * it runs before the others). A list of none or one, as the pod's init containers before the
 * user's.
 * Twin: the chart's "rasa.modelDownloadContainers" helper.
 */
export function modelDownloadContainers(s: Settings): KubeObject[] {
  const { rasa } = s;
  const { download } = rasa.model;
  if (!download.url) return [];
  const container: Record<string, unknown> = {
    name: MODEL_DOWNLOAD_CONTAINER,
    image: imageRef(rasa.image),
    imagePullPolicy: rasa.image.pullPolicy,
    command: ['python', '-c', modelScript('model-download')],
    args: [download.url, download.sha256, downloadedModelFile(s)],
    resources: containerResources(rasa.resources),
    volumeMounts: modelVolumeMounts(rasa),
  };
  if (download.token.secretName) {
    container.env = [{
      name: MODEL_DOWNLOAD_TOKEN_ENV,
      valueFrom: { secretKeyRef: { name: download.token.secretName, key: download.token.secretKey } },
    }];
  }
  if (Object.keys(rasa.containerSecurityContext).length > 0) container.securityContext = structuredClone(rasa.containerSecurityContext);
  return [container];
}

/**
 * The Rasa container's probes. Start-up waits for GET / (Rasa loads a model from a file before it
 * listens). Liveness only asks that the port accepts connections: loading a model blocks Rasa's
 * one event loop, and a pod busy with that must not be restarted for it. Readiness means a model
 * is loaded: with the HTTP API on, chart/files/model-ready.py asks GET /status with the API token
 * (the only way to tell when Rasa can start without one, as with a model server or --enable-api);
 * without it, Rasa refuses to start without a model file, so GET / answering says it is loaded.
 * Twin: the chart's "rasa.serverProbes" helper.
 */
export function serverProbes(s: Settings): ServerProbes {
  const { rasa } = s;
  const timing = (p: { periodSeconds: number; failureThreshold: number }) =>
    ({ periodSeconds: p.periodSeconds, failureThreshold: p.failureThreshold, timeoutSeconds: 5 });
  const httpGet = { httpGet: { path: '/', port: rasa.port, scheme: 'HTTP' as const } };
  const modelLoaded = { exec: { command: ['python', '-c', modelScript('model-ready'), String(rasa.port), API_TOKEN_ENV] } };
  return {
    startupProbe: { ...httpGet, ...timing(rasa.startupProbe) },
    livenessProbe: { tcpSocket: { port: rasa.port }, ...timing(rasa.livenessProbe) },
    readinessProbe: { ...(rasa.api.enabled ? modelLoaded : httpGet), ...timing(rasa.readinessProbe) },
  };
}

/** Requests and limits as written, empty quantities left out (as rasa.resources in the chart). */
function containerResources(given: RasaSettings['resources']): Record<string, Record<string, Quantity>> {
  const out: Record<string, Record<string, Quantity>> = {};
  for (const section of ['limits', 'requests'] as const) {
    const quantities = Object.fromEntries(Object.entries(given[section] ?? {}).filter(([, q]) => q !== '' && q != null)) as Record<string, Quantity>;
    if (Object.keys(quantities).length > 0) out[section] = quantities;
  }
  return out;
}
