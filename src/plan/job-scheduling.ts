import type { Settings } from '../settings/index.js';

/**
 * Where the pods of the chart's Jobs run and the Secrets their image is pulled with, as Kubernetes
 * spells them: the same for every Job (the minter, its re-mint runs, the key generator).
 */
export interface JobScheduling {
  /** Names of the Secrets the image is pulled with (minter.imagePullSecrets, else rasa.imagePullSecrets). */
  readonly imagePullSecrets: readonly string[];
  /** Node labels the pods must match (minter.nodeSelector, else rasa.nodeSelector). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Taints the pods tolerate (minter.tolerations, else rasa.tolerations). */
  readonly tolerations: readonly Readonly<Record<string, unknown>>[];
  /** Node and pod affinity of the pods (minter.affinity, else rasa.affinity). */
  readonly affinity: Readonly<Record<string, unknown>>;
  /** Empty for the cluster's default. */
  readonly priorityClassName: string;
}

/** The settings of minter that fall back to those of rasa when unset (null). */
export const JOB_SCHEDULING_FIELDS = ['imagePullSecrets', 'nodeSelector', 'tolerations', 'affinity', 'priorityClassName'] as const;

/**
 * The Jobs' scheduling: each of minter's settings, or the Rasa pods' when it is unset (null), so that a
 * cluster whose every node is tainted, or that pulls from a private registry, says so once. An empty
 * value ({}, [], "") is a setting of its own: none for the Jobs.
 * Twin: the chart's "rasa.jobScheduling" helper.
 */
export function jobScheduling(s: Settings): JobScheduling {
  const { minter, rasa } = s;
  return {
    imagePullSecrets: minter.imagePullSecrets ?? rasa.imagePullSecrets,
    nodeSelector: minter.nodeSelector ?? rasa.nodeSelector,
    tolerations: (minter.tolerations ?? rasa.tolerations) as JobScheduling['tolerations'],
    affinity: minter.affinity ?? rasa.affinity,
    priorityClassName: minter.priorityClassName ?? rasa.priorityClassName,
  };
}
