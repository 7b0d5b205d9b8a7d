import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata, type NetworkPolicyPlan } from '../plan/index.js';
import { withoutHelmAnnotations } from './script-job.js';

/** Properties of `RasaNetworkPolicy`. */
export interface RasaNetworkPolicyProps {
  /** One entry of the plan's networkPolicies: its name, the pods it selects, its rules, its annotations (less Helm's). */
  readonly policy: NetworkPolicyPlan;
  /**
   * Namespace, labels and annotations of the NetworkPolicy.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * The NetworkPolicy of one kind of the bot's pods, for both directions: no rule for a direction
 * means that no connection goes that way. The plain networking.k8s.io/v1 object: its rules are data
 * of the plan, passed through as the chart's toYaml writes them, where cdk8s-plus-27's
 * NetworkPolicy would build them from its own peer classes.
 */
export class RasaNetworkPolicy extends Construct {
  /** The NetworkPolicy, as a plain networking.k8s.io/v1 object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RasaNetworkPolicyProps) {
    super(scope, id);
    const { policy } = props;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: objectMetadata(props.metadata ?? {}, policy.name, withoutHelmAnnotations(policy.annotations)),
      spec: {
        podSelector: { matchLabels: { ...policy.podSelector } },
        policyTypes: ['Ingress', 'Egress'],
      },
    });
    // The rules go in after cdk8s's rendering, which would drop the nulls the user's extra rules
    // may hold (and the chart's toYaml keeps).
    if (policy.ingress) this.apiObject.addJsonPatch(JsonPatch.add('/spec/ingress', structuredClone(policy.ingress)));
    this.apiObject.addJsonPatch(JsonPatch.add('/spec/egress', structuredClone(policy.egress)));
  }
}
