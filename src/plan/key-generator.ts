import type { Settings } from '../settings/index.js';

/** Annotations of the key generator's objects. */
export interface KeyGeneratorAnnotations {
  /** Of its Job. */
  readonly jobAnnotations: Readonly<Record<string, string>>;
  /** Of its ServiceAccount, Role, RoleBinding, files ConfigMap and NetworkPolicy. */
  readonly rbacAnnotations: Readonly<Record<string, string>>;
}

/**
 * The key generator's annotations: keyGenerator.jobAnnotations and .rbacAnnotations, with the
 * deprecated minter.keygenJobAnnotations and .keygenRbacAnnotations applied over them as Helm
 * applied those over their defaults when they were the settings: an entry sets an annotation or,
 * when null, removes it; the whole map set to null removes them all.
 * Twin: the chart's "rasa.keyGeneratorAnnotations" helper.
 */
export function keyGeneratorAnnotations(s: Settings): KeyGeneratorAnnotations {
  return {
    jobAnnotations: appliedOver(s.keyGenerator.jobAnnotations, s.minter.keygenJobAnnotations),
    rbacAnnotations: appliedOver(s.keyGenerator.rbacAnnotations, s.minter.keygenRbacAnnotations),
  };
}

// A map a values file sets to null is absent from the settings (Helm's coalesce), hence the undefined.
function appliedOver(annotations: Readonly<Record<string, string>> | undefined,
  deprecated: Readonly<Record<string, string | null>> | undefined): Record<string, string> {
  if (deprecated === undefined) return {};
  const out: Record<string, string> = { ...annotations };
  for (const [key, value] of Object.entries(deprecated)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}
