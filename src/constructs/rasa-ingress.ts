import type { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** Properties of `RasaIngress`. */
export interface RasaIngressProps {
  /** The Service it routes to. */
  readonly service: kplus.Service;
  /**
   * The port of that Service it routes to (service.port).
   * @default - the Service's port, when it has only one
   */
  readonly port?: number;
  /** Public host name the widgets connect to (ingress.host). */
  readonly host: string;
  /** The socket.io path (socketio.socketioPath): the only one routed. */
  readonly path: string;
  /**
   * IngressClass name (ingress.className).
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * The Secret with the TLS certificate for the host (ingress.tlsSecretName).
   * @default - no TLS
   */
  readonly tlsSecret?: kplus.ISecret;
  /**
   * metadata of the Ingress.
   * @default - none: cdk8s names it
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Routes only the socket.io path to Rasa: the widget needs nothing else, and Rasa's other HTTP
 * routes (REST webhooks, the API) stay inside the cluster.
 */
export class RasaIngress extends Construct {
  public readonly ingress: kplus.Ingress;

  constructor(scope: Construct, id: string, props: RasaIngressProps) {
    super(scope, id);
    const { host, tlsSecret } = props;
    this.ingress = new kplus.Ingress(this, 'Resource', {
      metadata: props.metadata,
      className: props.className,
      rules: [{
        host,
        path: props.path,
        pathType: kplus.HttpIngressPathType.PREFIX,
        backend: kplus.IngressBackend.fromService(props.service, { port: props.port }),
      }],
      tls: tlsSecret ? [{ hosts: [host], secret: tlsSecret }] : undefined,
    });
  }
}
