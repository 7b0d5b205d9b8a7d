import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** Properties of `RasaDisruptionBudget`. */
export interface RasaDisruptionBudgetProps {
  /** Labels of the Rasa pods it protects (the server's selector labels). */
  readonly selector: Readonly<Record<string, string>>;
  /** Pods that must stay up during a voluntary disruption (rasa.podDisruptionBudget.minAvailable). */
  readonly minAvailable: number;
  /**
   * metadata of the PodDisruptionBudget.
   * @default - none: cdk8s names it
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Keeps minAvailable Rasa pods up while nodes are drained. cdk8s-plus-27 has no construct for it,
 * so this is the plain policy/v1 object.
 */
export class RasaDisruptionBudget extends Construct {
  /** The PodDisruptionBudget, as a plain policy/v1 object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaDisruptionBudgetProps) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: props.metadata,
      spec: {
        minAvailable: props.minAvailable,
        selector: { matchLabels: { ...props.selector } },
      },
    });
  }
}
