import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { objectLabels, selectorLabels } from './labels.js';
import type { NamedObjectProps } from './release-props.js';

export type RasaDisruptionBudgetProps = NamedObjectProps;

/**
 * Keeps rasa.podDisruptionBudget.minAvailable Rasa pods up while nodes are drained. cdk8s-plus-27
 * has no construct for it, so this is the plain policy/v1 object.
 */
export class RasaDisruptionBudget extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaDisruptionBudgetProps) {
    super(scope, id);
    const s = props.settings;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: objectLabels(s, props.release, 'server'),
        annotations: { ...s.commonAnnotations },
      },
      spec: {
        minAvailable: s.rasa.podDisruptionBudget.minAvailable,
        selector: { matchLabels: selectorLabels(s, props.release, 'server') },
      },
    });
  }
}
