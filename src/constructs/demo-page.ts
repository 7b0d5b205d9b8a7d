import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  DEMO_DIR, DEMO_PROBES, DEMO_WIDGETS_DIR, objectMetadata, type ComponentMetadata, type DemoPlan, type PodMetadata,
} from '../plan/index.js';
import type { DemoSettings, MinterSettings } from '../settings/index.js';
import { buildPod, kubeProbe } from './pod-builder.js';

/** Properties of `DemoPage`. */
export interface DemoPageProps {
  /**
   * The demo's part of the plan (plan.demo): the name of its Deployment, Service and files
   * ConfigMap, the image, command and files, the minter's ConfigMap, the port and the scheduling.
   */
  readonly plan: DemoPlan;
  /** The demo section of the settings: its resources. */
  readonly demo: DemoSettings;
  /** The minter section of the settings, whose image the page runs on: pull policy and security contexts. */
  readonly minter: MinterSettings;
  /** Labels that select the demo pod; podMetadata carries them. */
  readonly selector: Readonly<Record<string, string>>;
  /**
   * metadata of the pod template: the component's labels and the files' checksum.
   * @default - the selector labels only
   */
  readonly podMetadata?: PodMetadata;
  /**
   * Namespace, labels and annotations of the Deployment, the Service and the files ConfigMap.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * A page with a widget and its current token, to try the bot through `kubectl port-forward`: the
 * bundled demo page server (chart/files/demo.mjs) on the minter's Node image, reading the minter's
 * ConfigMap from a volume at each request, with no ServiceAccount token and a restricted security
 * context; a ClusterIP Service; and the ConfigMap with the program and its input.
 * Twin: the chart's demo-configmap.yaml, demo-deployment.yaml and demo-service.yaml.
 */
export class DemoPage extends Construct {
  /** The ConfigMap with the page's program (demo.mjs) and its input (demo.json). */
  public readonly files: kplus.ConfigMap;
  /** The Deployment that serves the page. */
  public readonly deployment: kplus.Deployment;
  /** The ClusterIP Service in front of it, which `kubectl port-forward` reaches. */
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: DemoPageProps) {
    super(scope, id);
    const { plan, demo, minter } = props;
    const metadata = objectMetadata(props.metadata ?? {}, plan.name);

    this.files = new kplus.ConfigMap(this, 'Files', { metadata, data: { ...plan.files } });
    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata,
      replicas: 1,
      select: false,
      podMetadata: props.podMetadata ?? { labels: { ...props.selector } },
      // The page reads files from its volumes and calls no API: the pod carries no token.
      automountServiceAccountToken: false,
      containers: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...props.selector } }));

    const probe = ({ path, ...p }: { readonly path: string; readonly periodSeconds: number; readonly failureThreshold: number }) =>
      kubeProbe({ httpGet: { path, port: plan.port, scheme: 'HTTP' }, timeoutSeconds: DEMO_PROBES.timeoutSeconds, ...p });
    const container = this.deployment.addContainer({
      name: 'demo',
      image: plan.image,
      imagePullPolicy: minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: [...plan.command],
      ports: [{ name: 'http', number: plan.port }],
      liveness: probe(DEMO_PROBES.livenessProbe),
      readiness: probe(DEMO_PROBES.readinessProbe),
    });
    container.mount(DEMO_DIR, kplus.Volume.fromConfigMap(this, 'FilesVolume', this.files, { name: 'demo' }), { readOnly: true });
    const widgets = kplus.ConfigMap.fromConfigMapName(this, 'Widgets', plan.widgetsConfigMap);
    container.mount(DEMO_WIDGETS_DIR, kplus.Volume.fromConfigMap(this, 'WidgetsVolume', widgets, { name: 'widgets' }), { readOnly: true });

    buildPod(this.deployment, container.name, {
      podSecurityContext: minter.podSecurityContext,
      containerSecurityContext: minter.containerSecurityContext,
      resources: demo.resources,
      ...plan.scheduling,
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata,
      type: kplus.ServiceType.CLUSTER_IP,
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...props.selector } }),
      ports: [{ name: 'http', port: plan.port, targetPort: plan.port }],
    });
  }
}
