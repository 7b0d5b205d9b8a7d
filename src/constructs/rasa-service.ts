import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Settings } from '../settings/index.js';
import { objectLabels, selectorLabels } from './labels.js';

export interface RasaServiceProps {
  /** Resolved settings. */
  readonly settings: Settings;
  /** Helm release name. */
  readonly release: string;
  /** Name of the Service. */
  readonly name: string;
  /** Namespace of the Service. */
  readonly namespace: string;
}

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
