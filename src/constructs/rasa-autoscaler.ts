import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { objectMetadata, type AutoscalerPlan, type ComponentMetadata } from '../plan/index.js';

/** Properties of `RasaAutoscaler`. */
export interface RasaAutoscalerProps {
  /**
   * The autoscaler's part of the plan (plan.autoscaler): its name (the Deployment's), its bounds
   * and its CPU and memory targets.
   */
  readonly plan: AutoscalerPlan;
  /**
   * Namespace, labels and annotations of the HorizontalPodAutoscaler.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * Scales the Rasa Deployment of the same name between the plan's bounds on the pods' CPU and memory
 * use. The Deployment must leave its replicas to it (plan.server.replicas is then undefined).
 * cdk8s-plus-27's HorizontalPodAutoscaler adds a default scaling behaviour the chart does not
 * write, so this is the plain autoscaling/v2 object.
 */
export class RasaAutoscaler extends Construct {
  /** The HorizontalPodAutoscaler, as a plain autoscaling/v2 object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaAutoscalerProps) {
    super(scope, id);
    const { plan } = props;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: objectMetadata(props.metadata ?? {}, plan.name),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: plan.name },
        minReplicas: plan.minReplicas,
        maxReplicas: plan.maxReplicas,
        metrics: structuredClone(plan.metrics),
      },
    });
  }
}
