import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvVar, ProbePlan } from '../plan/index.js';
import type { Quantity } from '../settings/index.js';

/** A workload with a pod template: at spec.template, or a CronJob's at spec.jobTemplate.spec.template. */
export type PodWorkload = kplus.Deployment | kplus.Job | kplus.CronJob;

interface Resources {
  readonly requests: Readonly<Record<string, Quantity>>;
  readonly limits: Readonly<Record<string, Quantity>>;
}

/**
 * What one component's pods are given, as its section of the values holds it (rasa, minter): its
 * main container's resources and security context, the pod's security context and scheduling, and
 * the extension points (init containers, sidecars, volumes, the main container's mounts and env
 * sources), all Kubernetes objects as Kubernetes spells them.
 */
export interface PodSettings {
  /** The pod's securityContext, as Kubernetes spells it; empty for none. */
  readonly podSecurityContext: object;
  /** The main container's securityContext, as Kubernetes spells it; empty for none. */
  readonly containerSecurityContext: object;
  /** The main container's requests and limits; an empty quantity is left out. */
  readonly resources: Resources;
  /** Names of the Secrets the images are pulled with. @default - none */
  readonly imagePullSecrets?: readonly string[];
  /** @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly tolerations?: readonly unknown[];
  /** @default - none */
  readonly affinity?: Readonly<Record<string, unknown>>;
  /** @default - none */
  readonly topologySpreadConstraints?: readonly unknown[];
  /** @default - the cluster's default */
  readonly priorityClassName?: string;
  /** Containers run to completion, in order, before the pod's others. @default - none */
  readonly initContainers?: readonly object[];
  /** Containers after the main one, with none of its resources or security context. @default - none */
  readonly sidecars?: readonly object[];
  /** Volumes after the pod's own. @default - none */
  readonly extraVolumes?: readonly object[];
  /** The main container's mounts after its own. @default - none */
  readonly extraVolumeMounts?: readonly object[];
  /** ConfigMaps and Secrets whose keys become the main container's env. @default - none */
  readonly extraEnvFrom?: readonly object[];
  /** Seconds a stopping pod gets before it is killed, its main container's preStop included. @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Seconds the main container sleeps in a preStop hook before it is sent SIGTERM; 0 for none. @default 0 */
  readonly preStopDelaySeconds?: number;
}

const SCHEDULING = ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName'] as const;
/** The extension points: [list of the pod spec, setting that extends it]. */
const POD_LISTS = [['initContainers', 'initContainers'], ['containers', 'sidecars'], ['volumes', 'extraVolumes']] as const;
/** The main container's: [its list, setting that extends it]. */
const MAIN_CONTAINER_LISTS = [['volumeMounts', 'extraVolumeMounts'], ['envFrom', 'extraEnvFrom']] as const;

/**
 * The one pod builder of the constructs: what every pod gets beyond cdk8s-plus-27's defaults, and
 * the one place that patches what that library (frozen upstream) cannot express. Its twin is
 * chart/templates/_pod.tpl. The main container is found by name, never by index, so a sidecar
 * never takes its limits.
 * - Security contexts are written whole, as the settings give them: cdk8s-plus-27 always renders
 *   its own runAsNonRoot (and more), which a null in the values could not remove; it has no
 *   seccompProfile, and its Capability enum has no ALL, both of which Pod Security `restricted`
 *   requires.
 * - Resources as the user wrote them: cdk8s-plus-27 rewrites memory into Mi and takes CPU only as
 *   numbers, so "1Gi" would come out as "1024Mi" and differ from the chart.
 * - Image pull Secrets: cdk8s-plus-27 takes a single one (dockerRegistryAuth).
 * - Scheduling as Kubernetes spells it: cdk8s-plus-27 builds affinity only from its own selector
 *   classes and has no priorityClassName; the chart passes them through with toYaml.
 * - Stopping: the grace period replaces cdk8s-plus-27's 30 seconds when the settings have one, and
 *   a preStop `sleep` keeps the main container serving while endpoints are withdrawn.
 * - The `cdk8s.io/metadata.addr` label that cdk8s-plus-27 puts on every pod template, a hash of
 *   the construct path, is taken away: selectors are stable labels, and a refactor would change it.
 * - The extension points go in as given, after the pod's own items (sidecars after the main
 *   container, volumes after the pod's, mounts after the main container's), as the chart's toYaml
 *   writes them: see editRenderedPod.
 * Empty settings are left out, as the chart leaves them out.
 */
export function buildPod(workload: PodWorkload, mainContainer: string, settings: PodSettings): void {
  const object = ApiObject.of(workload);
  const template = templatePath(workload);
  const templateAt = `/${template.join('/')}`;
  const podSpec = `${templateAt}/spec`;
  const container = `${podSpec}/containers/${containerIndex(workload, mainContainer)}`;
  object.addJsonPatch(JsonPatch.remove(`${templateAt}/metadata/labels/cdk8s.io~1metadata.addr`));
  setSecurityContext(object, podSpec, settings.podSecurityContext);
  setSecurityContext(object, container, settings.containerSecurityContext);
  object.addJsonPatch(JsonPatch.add(`${container}/resources`, resources(settings.resources)));
  if (settings.terminationGracePeriodSeconds !== undefined) {
    object.addJsonPatch(JsonPatch.replace(`${podSpec}/terminationGracePeriodSeconds`, settings.terminationGracePeriodSeconds));
  }
  if (settings.preStopDelaySeconds) {
    object.addJsonPatch(JsonPatch.add(`${container}/lifecycle`, { preStop: { exec: { command: ['sleep', String(settings.preStopDelaySeconds)] } } }));
  }
  const pullSecrets = settings.imagePullSecrets ?? [];
  if (pullSecrets.length > 0) {
    object.addJsonPatch(JsonPatch.add(`${podSpec}/imagePullSecrets`, pullSecrets.map((name) => ({ name }))));
  }
  for (const field of SCHEDULING) {
    const value = settings[field];
    if (!isEmpty(value)) object.addJsonPatch(JsonPatch.add(`${podSpec}/${field}`, value));
  }
  if ([...POD_LISTS, ...MAIN_CONTAINER_LISTS].some(([, setting]) => !isEmpty(settings[setting]))) {
    editRenderedPod(object, template, (pod) => {
      const main = (pod.containers as JsonObject[]).find((c) => c.name === mainContainer)!;
      for (const [field, setting] of MAIN_CONTAINER_LISTS) append(main, field, settings[setting]);
      for (const [field, setting] of POD_LISTS) append(pod, field, settings[setting]);
    });
  }
}

type JsonObject = Record<string, unknown>;

/** The keys from the object's root to its pod template. */
function templatePath(workload: PodWorkload): readonly string[] {
  return 'schedule' in workload ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
}
type PodEdit = (pod: JsonObject) => void;
const POD_EDITS = new WeakMap<ApiObject, PodEdit[]>();

/**
 * Edits the pod spec of `object` once cdk8s has rendered it, so that Kubernetes objects from the
 * values go out as given, as the chart's toYaml writes them. A JSON patch cannot do this: the
 * generated L1 object serializes after the patches, known field by known field, so it drops fields
 * it does not know and reads quantities and int-or-strings as its own classes (a sidecar's
 * `cpu: 100m` or a probe's `port: 8080` would vanish). Keys come out sorted, as cdk8s writes them.
 */
function editRenderedPod(object: ApiObject, template: readonly string[], edit: PodEdit): void {
  let edits = POD_EDITS.get(object);
  if (edits === undefined) {
    const pending: PodEdit[] = [];
    const render = object.toJson.bind(object);
    object.toJson = () => {
      const json = render();
      const podTemplate = template.reduce((node: JsonObject, key) => node[key] as JsonObject, json) as JsonObject;
      const pod = podTemplate.spec as JsonObject;
      for (const e of pending) e(pod);
      podTemplate.spec = sortedKeys(pod);
      return json;
    };
    POD_EDITS.set(object, (edits = pending));
  }
  edits.push(edit);
}

/** `items` after what `node[key]` already holds. */
function append(node: JsonObject, key: string, items: readonly object[] | undefined): void {
  if (isEmpty(items)) return;
  node[key] = [...((node[key] as unknown[] | undefined) ?? []), ...structuredClone(items!)];
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as JsonObject)[k])]));
}

/**
 * Where a container is in the pod spec, found by its name when a patch is written: cdk8s-plus-27
 * only ever appends containers, so it is still there when the object is rendered.
 */
export function containerIndex(workload: PodWorkload, name: string): number {
  const names = workload.containers.map((c) => c.name);
  const index = names.indexOf(name);
  if (index < 0) {
    throw new Error(`container '${name}' is not in ${workload.node.path} (its containers: ${names.join(', ') || 'none'})`);
  }
  return index;
}

/**
 * A container's env, planned as Kubernetes spells it, as cdk8s-plus values in order: a plain value,
 * or a key of a Secret referenced by its name, never owned. `secrets` gives the Secret of a
 * variable by the variable's name instead (the Rasa container's JWT key, from the JwtKeySecret).
 */
export function containerEnv(scope: Construct, env: readonly EnvVar[],
  secrets: Readonly<Record<string, kplus.SecretValue>> = {}): Record<string, kplus.EnvValue> {
  const values: Record<string, kplus.EnvValue> = {};
  for (const e of env) {
    const given = secrets[e.name];
    if (given !== undefined) {
      values[e.name] = kplus.EnvValue.fromSecretValue(given);
    } else if ('value' in e) {
      values[e.name] = kplus.EnvValue.fromValue(e.value);
    } else {
      const { name, key } = e.valueFrom.secretKeyRef;
      const secret = kplus.Secret.fromSecretName(scope, `secret-${scope.node.children.length}`, name);
      values[e.name] = kplus.EnvValue.fromSecretValue({ secret, key });
    }
  }
  return values;
}

/** cdk8s-plus-27 always renders a securityContext; an empty one is taken away, as the chart leaves it out. */
function setSecurityContext(object: ApiObject, path: string, context: object): void {
  object.addJsonPatch(isEmpty(context)
    ? JsonPatch.remove(`${path}/securityContext`)
    : JsonPatch.add(`${path}/securityContext`, structuredClone(context)));
}

function resources(given: Resources): Record<string, unknown> {
  // The generated L1 object converts its output after patches are applied and reads every
  // quantity's `.value` (the shape of its Quantity class), so quantities go in that shape.
  const section = (quantities: Readonly<Record<string, Quantity>>) =>
    Object.fromEntries(Object.entries(quantities).filter(([, q]) => q !== '').map(([k, q]) => [k, { value: q }]));
  const value: Record<string, unknown> = {};
  const requests = section(given.requests);
  const limits = section(given.limits);
  if (Object.keys(limits).length > 0) value.limits = limits;
  if (Object.keys(requests).length > 0) value.requests = requests;
  return value;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === '') return true;
  return Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/**
 * A probe of the plan (see serverProbes; the action server's and the demo page's are httpGet ones)
 * as cdk8s-plus-27 writes it: httpGet, tcpSocket or exec.
 */
export function kubeProbe(p: ProbePlan): kplus.Probe {
  const options = {
    periodSeconds: Duration.seconds(p.periodSeconds),
    failureThreshold: p.failureThreshold,
    timeoutSeconds: Duration.seconds(p.timeoutSeconds),
  };
  if (p.httpGet) return kplus.Probe.fromHttpGet(p.httpGet.path, { port: p.httpGet.port, ...options });
  if (p.tcpSocket) return kplus.Probe.fromTcpSocket({ port: p.tcpSocket.port, ...options });
  if (p.exec) return kplus.Probe.fromCommand([...p.exec.command], options);
  throw new Error(`a probe of the plan has no httpGet, tcpSocket or exec: ${JSON.stringify(p)}`);
}
