import { ApiObject, JsonPatch, type ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { IngressPathPlan } from '../plan/index.js';
import type { IngressExtraPath } from '../settings/index.js';

/** Properties of `RasaIngress`. */
export interface RasaIngressProps {
  /** The Service the paths go to. */
  readonly service: kplus.Service;
  /** Public host name the widgets connect to (ingress.host). */
  readonly host: string;
  /**
   * The paths that go to the Service, in order, the socket.io path first (the plan's
   * ingress.paths, from socketio.socketioPath, channels and ingress.exposeApi).
   */
  readonly paths: readonly IngressPathPlan[];
  /**
   * More paths of the host, as Kubernetes spells them, after those (ingress.extraPaths).
   * @default - none
   */
  readonly extraPaths?: readonly IngressExtraPath[];
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
   * metadata of the Ingress, with its annotations (the plan's ingress.annotations).
   * @default - none: cdk8s names it
   */
  readonly metadata?: ApiObjectMetadata;
}

const HOST_PATHS = '/spec/rules/0/http/paths';

/**
 * Routes the socket.io path to Rasa, then the other paths of the plan (the channels' webhooks, the
 * HTTP API when it is exposed) and the extra paths, in that order. cdk8s-plus-27 sorts a host's
 * paths by name and takes only backends it builds itself, so it is given the first path alone and
 * the others are appended to the same host by patches, as the chart writes them.
 */
export class RasaIngress extends Construct {
  /** The Ingress: the host's paths to the Service. */
  public readonly ingress: kplus.Ingress;

  constructor(scope: Construct, id: string, props: RasaIngressProps) {
    super(scope, id);
    const { host, tlsSecret, service } = props;
    const [first, ...others] = props.paths;
    if (!first) throw new Error("'paths' is empty: the Ingress routes at least the socket.io path");
    this.ingress = new kplus.Ingress(this, 'Resource', {
      metadata: props.metadata,
      className: props.className,
      rules: [{
        host,
        path: first.path,
        pathType: first.pathType as kplus.HttpIngressPathType,
        backend: kplus.IngressBackend.fromService(service, { port: first.port }),
      }],
      tls: tlsSecret ? [{ hosts: [host], secret: tlsSecret }] : undefined,
    });
    const object = ApiObject.of(this.ingress);
    for (const { path, pathType, port } of others) {
      object.addJsonPatch(JsonPatch.add(`${HOST_PATHS}/-`, { path, pathType, backend: { service: { name: service.name, port: { number: port } } } }));
    }
    for (const path of props.extraPaths ?? []) object.addJsonPatch(JsonPatch.add(`${HOST_PATHS}/-`, structuredClone(path)));
  }
}
