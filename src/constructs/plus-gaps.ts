import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Quantity } from '../settings/index.js';

/**
 * The one place that patches what cdk8s-plus-27 cannot express. The library is frozen upstream:
 * - its Capability enum has no ALL, so "drop: [ALL]" (required by Pod Security `restricted`)
 *   cannot be said through its API;
 * - it exposes no seccompProfile, also required by `restricted`;
 * - it labels every pod template with `cdk8s.io/metadata.addr`, a hash of the construct path;
 *   our selectors are stable labels, and a path hash would change with a refactor.
 */
export function hardenPodTemplate(workload: Construct, opts: { podSpecPath: string; containerCount: number }): void {
  const object = ApiObject.of(workload);
  const spec = opts.podSpecPath;
  const template = spec.replace(/\/spec$/, '');
  object.addJsonPatch(
    JsonPatch.add(`${spec}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }),
    JsonPatch.remove(`${template}/metadata/labels/cdk8s.io~1metadata.addr`),
  );
  for (let i = 0; i < opts.containerCount; i++) {
    object.addJsonPatch(JsonPatch.add(`${spec}/containers/${i}/securityContext/capabilities`, { drop: ['ALL'] }));
  }
}

interface Resources {
  readonly requests: Readonly<Record<string, Quantity>>;
  readonly limits: Readonly<Record<string, Quantity>>;
}

/**
 * Sets container resources as the user wrote them. cdk8s-plus-27 rewrites memory into Mi and
 * takes CPU only as numbers, so "1Gi" would come out as "1024Mi" and differ from the chart.
 * Empty quantities mean "no limit" and are left out.
 */
export function setResources(workload: Construct, containerPath: string, resources: Resources): void {
  // The generated L1 object converts its output after patches are applied and reads every
  // quantity's `.value` (the shape of its Quantity class), so quantities go in that shape.
  const section = (quantities: Readonly<Record<string, Quantity>>) =>
    Object.fromEntries(Object.entries(quantities).filter(([, q]) => q !== '').map(([k, q]) => [k, { value: q }]));
  const value: Record<string, unknown> = {};
  const requests = section(resources.requests);
  const limits = section(resources.limits);
  if (Object.keys(limits).length > 0) value.limits = limits;
  if (Object.keys(requests).length > 0) value.requests = requests;
  ApiObject.of(workload).addJsonPatch(JsonPatch.add(`${containerPath}/resources`, value));
}

/** cdk8s-plus-27 takes a single registry Secret (dockerRegistryAuth); users may need several. */
export function setImagePullSecrets(workload: Construct, podSpecPath: string, names: readonly string[]): void {
  if (names.length === 0) return;
  ApiObject.of(workload).addJsonPatch(
    JsonPatch.add(`${podSpecPath}/imagePullSecrets`, names.map((name) => ({ name }))),
  );
}

export interface PodScheduling {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly unknown[];
  readonly affinity: Readonly<Record<string, unknown>>;
  readonly topologySpreadConstraints: readonly unknown[];
  readonly priorityClassName: string;
}

/**
 * Scheduling as Kubernetes spells it. cdk8s-plus-27 only builds affinity from its own selector
 * classes and has no priorityClassName; users of a chart write these as in a pod spec, and the
 * chart passes them through with toYaml. Empty ones are left out, as the chart does.
 */
export function setScheduling(workload: Construct, podSpecPath: string, scheduling: PodScheduling): void {
  const object = ApiObject.of(workload);
  for (const [field, value] of Object.entries(scheduling)) {
    const empty = value === '' || (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0);
    if (!empty) object.addJsonPatch(JsonPatch.add(`${podSpecPath}/${field}`, value));
  }
}
