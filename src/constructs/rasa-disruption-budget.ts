import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';

export type RasaDisruptionBudgetProps = PlanProps;

/**
 * Keeps rasa.podDisruptionBudget.minAvailable Rasa pods up while nodes are drained. cdk8s-plus-27
 * has no construct for it, so this is the plain policy/v1 object.
 */
export class RasaDisruptionBudget extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaDisruptionBudgetProps) {
    super(scope, id);
    const { plan } = props;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: objectMetadata(plan, 'server', plan.server.name),
      spec: {
        minAvailable: plan.settings.rasa.podDisruptionBudget.minAvailable,
        selector: { matchLabels: { ...plan.labels.server.selector } },
      },
    });
  }
}
