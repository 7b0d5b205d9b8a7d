import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CONFIG_DIR, objectMetadata, type ComponentMetadata, type RasaServerPlan } from '../plan/index.js';
import type { RasaSettings } from '../settings/index.js';
import { buildPod, containerEnv, kubeProbe } from './pod-builder.js';

/** Properties of `RasaServer`. */
export interface RasaServerProps {
  /**
   * The server's part of the plan (plan.server): the Deployment's name and replicas, the
   * container's image, command, args, env and probes, the pod's own init containers, volumes and
   * mounts (the model download and the models volume), the pod template's metadata.
   */
  readonly plan: RasaServerPlan;
  /**
   * The rasa section of the settings: port, image pull policy, resources,
   * security contexts, scheduling.
   */
  readonly rasa: RasaSettings;
  /** Labels that select the Rasa pods; the plan's pod template metadata carries them. */
  readonly selector: Readonly<Record<string, string>>;
  /**
   * The Secret and key the socketio JWT key comes from, as the env var plan.keyEnvName. The key
   * guard's message still names the Secret of the settings (socketio.jwtKey).
   */
  readonly jwtKey: kplus.SecretValue;
  /** The ConfigMap holding credentials.yml and endpoints.yml. */
  readonly config: kplus.IConfigMap;
  /**
   * The pods' ServiceAccount.
   * @default - the namespace's default ServiceAccount
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Namespace, labels and annotations of the Deployment.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
}

/**
 * The Rasa server Deployment: `rasa run` with the socketio key from a Secret through an env var,
 * under a security context that passes Pod Security `restricted`.
 */
export class RasaServer extends Construct {
  /** The Rasa Deployment. */
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: RasaServerProps) {
    super(scope, id);
    const { plan, rasa } = props;

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: objectMetadata(props.metadata ?? {}, plan.name),
      replicas: plan.replicas,
      // maxUnavailable 0 by default: an old pod stops only once its replacement is Ready.
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: percentOrAbsolute(rasa.rollingUpdate.maxSurge),
        maxUnavailable: percentOrAbsolute(rasa.rollingUpdate.maxUnavailable),
      }),
      select: false,
      podMetadata: plan.podMetadata,
      // Rasa never talks to the Kubernetes API: no pod of it carries a token.
      automountServiceAccountToken: false,
      ...(props.serviceAccount ? { serviceAccount: props.serviceAccount } : {}),
      containers: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...props.selector } }));
    // An autoscaler owns the count (see serverReplicas); cdk8s-plus-27 would write 2.
    if (plan.replicas === undefined) ApiObject.of(this.deployment).addJsonPatch(JsonPatch.remove('/spec/replicas'));

    const config = kplus.Volume.fromConfigMap(this, 'config', props.config, { name: 'config' });
    const scratch = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);

    const container = this.deployment.addContainer({
      name: 'rasa',
      image: plan.image,
      imagePullPolicy: rasa.image.pullPolicy as kplus.ImagePullPolicy,
      command: [...plan.command],
      args: [...plan.args],
      ports: [{ name: 'http', number: rasa.port }],
      envVariables: envValues(this, plan, props.jwtKey),
      startup: kubeProbe(plan.probes.startupProbe),
      liveness: kubeProbe(plan.probes.livenessProbe),
      readiness: kubeProbe(plan.probes.readinessProbe),
    });
    container.mount(CONFIG_DIR, config, { readOnly: true });
    // Rasa writes temp files, unpacked models and its global config (HOME is /app): with a
    // read-only root filesystem these need their own writable volumes.
    container.mount('/tmp', scratch('tmp'));
    container.mount('/app/.config', scratch('home-config'));
    container.mount('/app/.cache', scratch('home-cache'));

    // The models volume, its mount and the download go in as the plan writes them, before the user's.
    buildPod(this.deployment, container.name, {
      ...rasa,
      initContainers: [...plan.initContainers, ...rasa.initContainers],
      extraVolumes: [...plan.volumes, ...rasa.extraVolumes],
      extraVolumeMounts: [...plan.volumeMounts, ...rasa.extraVolumeMounts],
    });
  }
}

/** A number of pods, or a percentage of them ("25%"), as the settings write it. */
function percentOrAbsolute(value: number | string): kplus.PercentOrAbsolute {
  return typeof value === 'number' ? kplus.PercentOrAbsolute.absolute(value) : kplus.PercentOrAbsolute.percent(Number(value.slice(0, -1)));
}

/**
 * The plan's env as cdk8s-plus values, in order: the JWT key from the given Secret, any other
 * Secret referenced by name, never owned.
 */
function envValues(scope: Construct, plan: RasaServerPlan, jwtKey: kplus.SecretValue): Record<string, kplus.EnvValue> {
  const values = containerEnv(scope, plan.env, { [plan.keyEnvName]: jwtKey });
  if (!(plan.keyEnvName in values)) {
    throw new Error(`'plan.keyEnvName' (${plan.keyEnvName}) is not a variable of plan.env (${Object.keys(values).join(', ') || 'none'})`);
  }
  return values;
}
