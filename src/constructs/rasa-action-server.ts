import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ACTION_SERVER_PROBES, objectMetadata, type ActionServerPlan, type ComponentMetadata } from '../plan/index.js';
import type { ActionServerSettings } from '../settings/index.js';
import { buildPod, containerEnv, kubeProbe } from './pod-builder.js';

/** Properties of `RasaActionServer`. */
export interface RasaActionServerProps {
  /**
   * The action server's part of the plan (plan.actionServer): the name of the Deployment and the
   * Service, replicas, the container's image, args, env and port, the pod template's metadata.
   */
  readonly plan: ActionServerPlan;
  /**
   * The actionServer section of the settings: image pull policy, resources, security contexts,
   * scheduling and extension points.
   */
  readonly actionServer: ActionServerSettings;
  /** Labels that select the action server pods; the plan's pod template metadata carries them. */
  readonly selector: Readonly<Record<string, string>>;
  /**
   * Namespace, labels and annotations of the Deployment and the Service.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * A Rasa SDK action server for the bot's custom actions: a Deployment of the image's
 * `start --actions actions` under a security context that passes Pod Security `restricted`, and a
 * ClusterIP Service of the same name, which endpoints.yml's action_endpoint (plan.url) names.
 * Twin: the chart's action-server-deployment.yaml and action-server-service.yaml.
 */
export class RasaActionServer extends Construct {
  /** The action server's Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The ClusterIP Service in front of it, which endpoints.yml's action_endpoint names. */
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: RasaActionServerProps) {
    super(scope, id);
    const { plan, actionServer } = props;
    const metadata = objectMetadata(props.metadata ?? {}, plan.name);

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata,
      replicas: plan.replicas,
      select: false,
      podMetadata: plan.podMetadata,
      // Actions call other services, never the Kubernetes API: the pods carry no token.
      automountServiceAccountToken: false,
      containers: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...props.selector } }));

    const probe = (p: { readonly periodSeconds: number; readonly failureThreshold: number }) => kubeProbe({
      httpGet: { path: ACTION_SERVER_PROBES.path, port: plan.port, scheme: 'HTTP' }, timeoutSeconds: ACTION_SERVER_PROBES.timeoutSeconds, ...p,
    });
    const container = this.deployment.addContainer({
      name: 'action-server',
      image: plan.image,
      imagePullPolicy: actionServer.image.pullPolicy as kplus.ImagePullPolicy,
      args: [...plan.args],
      ports: [{ name: 'http', number: plan.port }],
      envVariables: containerEnv(this, plan.env),
      startup: probe(ACTION_SERVER_PROBES.startupProbe),
      liveness: probe(ACTION_SERVER_PROBES.livenessProbe),
      readiness: probe(ACTION_SERVER_PROBES.readinessProbe),
    });
    // Python and the actions' libraries write temporary files; the root filesystem is read-only.
    container.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp'));

    buildPod(this.deployment, container.name, actionServer);

    this.service = new kplus.Service(this, 'Service', {
      metadata,
      type: kplus.ServiceType.CLUSTER_IP,
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...props.selector } }),
      ports: [{ name: 'http', port: plan.port, targetPort: plan.port }],
    });
  }
}
