import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectLabels, selectorLabels } from './labels.js';
import type { NamedObjectProps } from './release-props.js';

export type RasaServiceProps = NamedObjectProps;

/** The Service in front of the Rasa pods, selecting them by their stable selector labels. */
export class RasaService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: RasaServiceProps) {
    super(scope, id);
    const s = props.settings;
    this.service = new kplus.Service(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: objectLabels(s, props.release, 'server'),
        annotations: { ...s.commonAnnotations, ...s.service.annotations },
      },
      type: s.service.type as kplus.ServiceType,
      selector: kplus.Pods.select(this, 'Pods', { labels: selectorLabels(s, props.release, 'server') }),
      ports: [{ name: 'http', port: s.service.port, targetPort: s.rasa.port }],
    });
  }
}
