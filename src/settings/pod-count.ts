import type { RasaSettings } from './types.js';

/** How many Rasa pods can run, and the settings that bound the count (for messages). */
export interface PodCount {
  readonly fewest: number;
  /** rasa.autoscaling.minReplicas with the autoscaler on, else rasa.replicaCount. */
  readonly fewestSetting: string;
  readonly most: number;
  /** rasa.autoscaling.maxReplicas with the autoscaler on, else rasa.replicaCount. */
  readonly mostSetting: string;
}

/**
 * How many Rasa pods can run: within the autoscaler's bounds when it is on (rasa.replicaCount then
 * counts for nothing: the Deployment has no replicas of its own), else exactly rasa.replicaCount.
 * Twin: "rasa.podCount" in chart/templates/_helpers.tpl.
 */
export function podCount(rasa: RasaSettings): PodCount {
  const { autoscaling } = rasa;
  if (autoscaling.enabled) {
    return {
      fewest: autoscaling.minReplicas, fewestSetting: 'rasa.autoscaling.minReplicas',
      most: autoscaling.maxReplicas, mostSetting: 'rasa.autoscaling.maxReplicas',
    };
  }
  return { fewest: rasa.replicaCount, fewestSetting: 'rasa.replicaCount', most: rasa.replicaCount, mostSetting: 'rasa.replicaCount' };
}
