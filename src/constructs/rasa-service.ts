import { ApiObject, JsonPatch, type ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { SessionAffinity } from '../plan/index.js';

/** Properties of `RasaService`. */
export interface RasaServiceProps {
  /** Labels of the Rasa pods it sends traffic to (the server's selector labels). */
  readonly selector: Readonly<Record<string, string>>;
  /** Port the Service listens on (service.port). */
  readonly port: number;
  /**
   * Port of the Rasa container (rasa.port).
   * @default - the same as `port`
   */
  readonly targetPort?: number;
  /**
   * Service type (service.type).
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly type?: kplus.ServiceType;
  /**
   * Session affinity (plan.service.sessionAffinity): ClientIP keeps each client IP on one pod.
   * @default "None"
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * metadata of the Service.
   * @default - none: cdk8s names it
   */
  readonly metadata?: ApiObjectMetadata;
}

/** The Service in front of the Rasa pods, selecting them by their stable selector labels. */
export class RasaService extends Construct {
  /** The Service, named as the Deployment. */
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: RasaServiceProps) {
    super(scope, id);
    this.service = new kplus.Service(this, 'Resource', {
      metadata: props.metadata,
      type: props.type ?? kplus.ServiceType.CLUSTER_IP,
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...props.selector } }),
      ports: [{ name: 'http', port: props.port, targetPort: props.targetPort ?? props.port }],
    });
    // cdk8s-plus-27 cannot say it. None is Kubernetes' default, left out as the chart leaves it out.
    if (props.sessionAffinity === 'ClientIP') {
      ApiObject.of(this.service).addJsonPatch(JsonPatch.add('/spec/sessionAffinity', props.sessionAffinity));
    }
  }
}
