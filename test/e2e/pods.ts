// What the e2e tests read off pods: when they turned Ready, why they are not.
import { kubectl } from '../cluster/support.js';
import { waitFor } from './cluster.js';

interface PodStatus {
  metadata: { name: string; creationTimestamp: string };
  status: {
    conditions?: Array<{ type: string; status: string; lastTransitionTime: string }>;
    containerStatuses?: Array<{ name: string; ready: boolean; restartCount: number; state: Record<string, { reason?: string; message?: string }> }>;
  };
}

export function pods(namespace: string, selector: string): PodStatus[] {
  return (JSON.parse(kubectl(['get', 'pods', '-n', namespace, '-l', selector, '-o', 'json'])) as { items: PodStatus[] }).items;
}

/**
 * The time (ms since the epoch) at which the newest Ready pod matching `selector` turned Ready,
 * waiting for one created after `since`. The API server keeps the transition time in seconds.
 */
export async function podReadySince(namespace: string, selector: string, since: number, timeoutMs = 600_000): Promise<number> {
  return waitFor(`a pod (${selector}) created after the start turned Ready in ${namespace}`, () => {
    const readyTimes = pods(namespace, selector)
      .filter((p) => Date.parse(p.metadata.creationTimestamp) >= since - 1000)
      .map((p) => p.status.conditions?.find((c) => c.type === 'Ready' && c.status === 'True'))
      .filter((c) => c !== undefined)
      .map((c) => Date.parse(c.lastTransitionTime));
    return readyTimes.length ? Math.max(...readyTimes) : undefined;
  }, timeoutMs);
}

/** The reason a container is waiting or terminated with, for each matching pod (e.g. CreateContainerConfigError). */
export function containerStates(namespace: string, selector: string): Array<{ pod: string; ready: boolean; reason: string; message: string }> {
  return pods(namespace, selector).flatMap((p) => (p.status.containerStatuses ?? []).map((c) => {
    const [state] = Object.values(c.state);
    return { pod: p.metadata.name, ready: c.ready, reason: state?.reason ?? Object.keys(c.state)[0] ?? '', message: state?.message ?? '' };
  }));
}
