import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';

export type RasaServiceProps = PlanProps;

/** The Service in front of the Rasa pods, selecting them by their stable selector labels. */
export class RasaService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: RasaServiceProps) {
    super(scope, id);
    const { plan } = props;
    const s = plan.settings;
    this.service = new kplus.Service(this, 'Resource', {
      metadata: objectMetadata(plan, 'server', plan.server.name, s.service.annotations),
      type: s.service.type as kplus.ServiceType,
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...plan.labels.server.selector } }),
      ports: [{ name: 'http', port: s.service.port, targetPort: s.rasa.port }],
    });
  }
}
