import { podCount, type Settings } from '../settings/index.js';

/** How the Service picks a pod for a client: by client IP, or afresh for each connection. */
export type SessionAffinity = 'ClientIP' | 'None';

/** One target of the autoscaler: the pods' average use of a resource, as a share of their request. */
export interface ResourceMetric {
  /** A resource of the pods' containers, as autoscaling/v2 spells it. */
  readonly type: 'Resource';
  /** Which resource, and the average utilization the autoscaler keeps it at. */
  readonly resource: {
    /** The resource measured. */
    readonly name: 'cpu' | 'memory';
    /** The target: an average utilization over the pods. */
    readonly target: {
      /** A share of the pods' request, as autoscaling/v2 spells it. */
      readonly type: 'Utilization';
      /** The percentage of the request the autoscaler keeps the pods' average use at. */
      readonly averageUtilization: number;
    };
  };
}

/** The HorizontalPodAutoscaler (autoscaling/v2) of the Rasa Deployment. */
export interface AutoscalerPlan {
  /** Its name, which is also the name of the Deployment it scales. */
  readonly name: string;
  /** The fewest pods it scales down to (rasa.autoscaling.minReplicas). */
  readonly minReplicas: number;
  /** The most pods it scales up to (rasa.autoscaling.maxReplicas). */
  readonly maxReplicas: number;
  /** CPU first, then memory; only those with a target. */
  readonly metrics: readonly ResourceMetric[];
}

/** The autoscaler of the Deployment `name`; rendered when gates.autoscaler. Twin: chart/templates/hpa.yaml. */
export function autoscalerPlan(s: Settings, name: string): AutoscalerPlan {
  const { minReplicas, maxReplicas } = s.rasa.autoscaling;
  return { name, minReplicas, maxReplicas, metrics: autoscalerMetrics(s) };
}

/** The autoscaler's targets, CPU then memory. Twin: "rasa.autoscalerMetrics" in _helpers.tpl. */
export function autoscalerMetrics(s: Settings): ResourceMetric[] {
  const { autoscaling } = s.rasa;
  const targets = [['cpu', autoscaling.targetCPUUtilizationPercentage], ['memory', autoscaling.targetMemoryUtilizationPercentage]] as const;
  return targets.flatMap(([name, percent]) => (percent == null ? []
    : [{ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: percent } } } as const]));
}

/**
 * The Deployment's replicas: none with the autoscaler on, which then owns the count (a count in the
 * Deployment would reset the autoscaler's at every upgrade).
 * Twin: the `if` around replicas in chart/templates/deployment.yaml.
 */
export function serverReplicas(s: Settings): number | undefined {
  return s.rasa.autoscaling.enabled ? undefined : s.rasa.replicaCount;
}

/**
 * The Service's session affinity: as service.sessionAffinity says, else ClientIP when more than one
 * pod can run, so that a client that reaches the Service directly keeps its socket.io session on
 * one pod. Behind an ingress controller the client IP is the controller's: there only the
 * ingress's own affinity (or a websocket-only client) keeps a session on one pod.
 * Twin: "rasa.sessionAffinity" in _helpers.tpl.
 */
export function sessionAffinity(s: Settings): SessionAffinity {
  return s.service.sessionAffinity || (podCount(s.rasa).most > 1 ? 'ClientIP' : 'None');
}
