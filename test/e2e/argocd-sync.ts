// What an Argo CD sync does with a chart's rendered objects, in the order it does it, for the
// GitOps examples test. Argo CD cannot run here; this follows its documented mapping of Helm's
// hook annotations (docs/user-guide/helm.md of argo-cd v3.5.7, "Helm Hooks"):
// - pre-install and pre-upgrade are PreSync hooks, post-install and post-upgrade PostSync hooks;
//   every sync is both an install and an upgrade, so a hook that names both runs once;
// - other hooks (pre-rollback, post-rollback, test) are ignored: Argo CD never applies them;
// - helm.sh/hook-weight is the hook's sync wave; other objects are in the Sync phase, wave from
//   argocd.argoproj.io/sync-wave (0 when absent);
// - helm.sh/hook-delete-policy: before-hook-creation deletes the hook's old copy before it is
//   created again, hook-succeeded deletes it once the sync succeeded.
// Each wave is applied, then must be healthy (a Job complete, a Deployment rolled out) before the
// next wave and the next phase start, as Argo CD waits.
import type { K8sObject } from '../support/render.js';

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync';

const HOOK_PHASES: Readonly<Record<string, SyncPhase>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};

const PHASE_ORDER: readonly SyncPhase[] = ['PreSync', 'Sync', 'PostSync'];

export interface SyncWave {
  readonly phase: SyncPhase;
  readonly wave: number;
  readonly objects: readonly K8sObject[];
}

export interface SyncPlan {
  /** In the order Argo CD applies them. */
  readonly waves: readonly SyncWave[];
  /** Hooks whose every type Argo CD ignores. */
  readonly ignored: readonly K8sObject[];
}

const annotation = (o: K8sObject, key: string): string | undefined => o.metadata?.annotations?.[key];

/** The object's hook phases: none for an object of the Sync phase, [] for an ignored hook. */
function hookPhases(o: K8sObject): SyncPhase[] | undefined {
  const hook = annotation(o, 'helm.sh/hook');
  if (hook === undefined) return undefined;
  const phases = hook.split(',').map((h) => HOOK_PHASES[h.trim()]).filter((p): p is SyncPhase => p !== undefined);
  return [...new Set(phases)];
}

export function isHook(o: K8sObject): boolean {
  return annotation(o, 'helm.sh/hook') !== undefined;
}

export function deletePolicies(o: K8sObject): string[] {
  return (annotation(o, 'helm.sh/hook-delete-policy') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

export function argoSyncPlan(objects: readonly K8sObject[]): SyncPlan {
  const waves = new Map<string, { phase: SyncPhase; wave: number; objects: K8sObject[] }>();
  const ignored: K8sObject[] = [];
  const add = (phase: SyncPhase, wave: number, o: K8sObject) => {
    const key = `${phase} ${wave}`;
    if (!waves.has(key)) waves.set(key, { phase, wave, objects: [] });
    waves.get(key)!.objects.push(o);
  };
  for (const o of objects) {
    const phases = hookPhases(o);
    if (phases === undefined) {
      add('Sync', Number(annotation(o, 'argocd.argoproj.io/sync-wave') ?? 0), o);
    } else if (phases.length === 0) {
      ignored.push(o);
    } else {
      for (const phase of phases) add(phase, Number(annotation(o, 'helm.sh/hook-weight') ?? 0), o);
    }
  }
  const ordered = [...waves.values()].sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.wave - b.wave);
  return { waves: ordered, ignored };
}
