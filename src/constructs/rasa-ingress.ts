import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';

export interface RasaIngressProps extends PlanProps {
  /** The Service it routes to. */
  readonly service: kplus.Service;
}

/**
 * Routes only the socket.io path to Rasa: the widget needs nothing else, and Rasa's other HTTP
 * routes (REST webhooks, the API) stay inside the cluster.
 */
export class RasaIngress extends Construct {
  public readonly ingress: kplus.Ingress;

  constructor(scope: Construct, id: string, props: RasaIngressProps) {
    super(scope, id);
    const { plan } = props;
    const s = plan.settings;
    const { host, className, tlsSecretName } = s.ingress;
    this.ingress = new kplus.Ingress(this, 'Resource', {
      metadata: objectMetadata(plan, 'server', plan.server.name, s.ingress.annotations),
      className: className || undefined,
      rules: [{
        host,
        path: s.socketio.socketioPath,
        pathType: kplus.HttpIngressPathType.PREFIX,
        backend: kplus.IngressBackend.fromService(props.service, { port: s.service.port }),
      }],
      tls: tlsSecretName
        ? [{ hosts: [host], secret: kplus.Secret.fromSecretName(this, 'Tls', tlsSecretName) }]
        : undefined,
    });
  }
}
