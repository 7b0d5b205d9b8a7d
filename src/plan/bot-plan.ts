import { podCount, type ResolvedWidget, type Settings } from '../settings/index.js';
import { actionEndpointUrl, actionServerArgs } from './action-server.js';
import { demoPlan, type DemoPlan } from './demo.js';
import { imageRef } from './image.js';
import { ingressPlan, type IngressPlan } from './ingress.js';
import { keyGuardCommand } from './key-guard.js';
import { objectLabels, selectorLabels, type Component } from './labels.js';
import { programScript, type KeygenInput } from './minter-files.js';
import { modelDownloadContainers, modelVolumeMounts, modelVolumes, serverProbes, type KubeObject, type ServerProbes } from './model.js';
import { actionServerName, appName, configName, fullname, modelClaimName, serviceAccountName } from './names.js';
import { networkPolicies, type NetworkPolicyPlan } from './network-policy.js';
import { configChecksum, credentialsYaml, endpointsYaml } from './rasa-files.js';
import { extraEnvVars, rasaArgs, rasaEnv, type EnvVar } from './rasa-server.js';
import { reminterPlan, remintSchedule, type ReminterPlan } from './remint.js';
import { autoscalerPlan, serverReplicas, sessionAffinity, type AutoscalerPlan, type SessionAffinity } from './scaling.js';
import { keygenJob, minterJob, type MinterJobPlan, type ScriptJobPlan } from './script-jobs.js';

/** Where a bot's objects go. */
export interface PlanTarget {
  /** Helm release name: the instance label, and the prefix of object names. */
  readonly release: string;
  /** Namespace of every object. */
  readonly namespace: string;
}

/** The labels of one component's objects. */
export interface ComponentLabels {
  /** Those that select its pods: stable, never a version (see selectorLabels). */
  readonly selector: Readonly<Record<string, string>>;
  /** Those of each of its objects (see objectLabels). */
  readonly object: Readonly<Record<string, string>>;
}

/** Which optional objects the bot has (see botGates). */
export interface BotGates {
  /** The Rasa pods get a ServiceAccount of their own (rasa.serviceAccount.create). */
  readonly serviceAccount: boolean;
  /** A PodDisruptionBudget: only when more than one pod can run, where it protects something. */
  readonly disruptionBudget: boolean;
  /** A HorizontalPodAutoscaler for the Rasa Deployment (rasa.autoscaling.enabled). */
  readonly autoscaler: boolean;
  /** An Ingress for the socket.io path and the other channels (ingress.enabled). */
  readonly ingress: boolean;
  /** The key generator Job (socketio.jwtKey.generate). */
  readonly keyGenerator: boolean;
  /** The minter Job and the ConfigMap it fills (minter.enabled). */
  readonly minter: boolean;
  /** The re-mint CronJob: the minter runs and a widget expires, or minter.schedule is set (see remintSchedule). */
  readonly reminter: boolean;
  /** The JWT key Secret is rendered, from socketio.jwtKey.literal (local use only). */
  readonly jwtKeySecret: boolean;
  /** The models' PersistentVolumeClaim: rasa.model.persistence.enabled, and no existingClaim. */
  readonly modelClaim: boolean;
  /** The action server's Deployment and Service, which action_endpoint points at (actionServer.enabled). */
  readonly actionServer: boolean;
  /** The demo page's Deployment, Service and files ConfigMap (demo.enabled). */
  readonly demo: boolean;
}

/** The ConfigMap that `rasa run` reads its channels and endpoints from. */
export interface RasaConfigPlan {
  /** Name of the ConfigMap (see configName). */
  readonly name: string;
  /** credentials.yml and endpoints.yml. */
  readonly files: Readonly<Record<'credentials.yml' | 'endpoints.yml', string>>;
  /** Checksum of the files, on the pod template so that a change rolls the pods. */
  readonly checksum: string;
}

/** The Rasa server's Deployment and its container. */
export interface RasaServerPlan {
  /** Name of the Deployment, and of its Service, Ingress and PodDisruptionBudget. */
  readonly name: string;
  /** The Deployment's replicas; undefined when the autoscaler owns the count (see serverReplicas). */
  readonly replicas: number | undefined;
  /** The pods' ServiceAccount; "default" for the namespace's own. */
  readonly serviceAccountName: string;
  /** The Rasa image reference, `registry/repository:tag`, or `@digest` when a digest pins it (see imageRef). */
  readonly image: string;
  /** The key guard, which then runs `rasa` with the args. */
  readonly command: readonly string[];
  /** The `rasa run` flags: port, config files, model, API and CORS, then rasa.extraArgs (see rasaArgs). */
  readonly args: readonly string[];
  /** The container's environment: the JWT key, telemetry, licence and tokens, then rasa.extraEnv (see rasaEnv). */
  readonly env: readonly EnvVar[];
  /** The variable of env that holds the socketio JWT key (socketio.jwtKey.envName). */
  readonly keyEnvName: string;
  /** The container's startup, liveness and readiness probes (see serverProbes). */
  readonly probes: ServerProbes;
  /** The pod's own init containers, before rasa.initContainers: the model download (see modelDownloadContainers). */
  readonly initContainers: readonly KubeObject[];
  /** The pod's volumes after config, tmp, home-config and home-cache: the models volume (see modelVolumes). */
  readonly volumes: readonly KubeObject[];
  /** The container's mounts of those volumes (see modelVolumeMounts). */
  readonly volumeMounts: readonly KubeObject[];
  /** metadata of the pod template: the user's pod labels and annotations, the config checksum. */
  readonly podMetadata: PodMetadata;
}

/** The models' PersistentVolumeClaim (rasa.model.persistence); rendered when gates.modelClaim. */
export interface ModelClaimPlan {
  /** Its name (see modelClaimName). */
  readonly name: string;
}

/** The action server's Deployment and its container, and the Service in front of it. */
export interface ActionServerPlan {
  /** Name of the Deployment and of its Service (see actionServerName). */
  readonly name: string;
  /** The Deployment's replicas (actionServer.replicaCount). */
  readonly replicas: number;
  /** The action server image reference, `registry/repository:tag`, or `@digest` when a digest pins it (see imageRef). */
  readonly image: string;
  /** After the image's entry point (see actionServerArgs). */
  readonly args: readonly string[];
  /** The container's environment: actionServer.extraEnv (see extraEnvVars). */
  readonly env: readonly EnvVar[];
  /** Where the container listens and the Service serves. */
  readonly port: number;
  /** endpoints.yml's action_endpoint.url when the action server runs (see actionEndpointUrl). */
  readonly url: string;
  /** metadata of the pod template: the user's pod labels and annotations. */
  readonly podMetadata: PodMetadata;
}

/** The Service in front of the Rasa pods (named as the Deployment). */
export interface RasaServicePlan {
  /** See sessionAffinity. */
  readonly sessionAffinity: SessionAffinity;
}

/**
 * Everything derived from the settings, computed once: both renderers read it (the constructs
 * directly; the chart's helpers compute the same values, each naming its twin here).
 */
export interface BotPlan extends PlanTarget {
  /** The resolved settings the plan was made from. */
  readonly settings: Settings;
  /** Prefix of every object name. */
  readonly fullname: string;
  /** app.kubernetes.io/name. */
  readonly appName: string;
  /** Each component's selector and object labels (see componentLabels). */
  readonly labels: Readonly<Record<Component, ComponentLabels>>;
  /** Which optional objects the bot has (see botGates). */
  readonly gates: BotGates;
  /** The ConfigMap with credentials.yml and endpoints.yml. */
  readonly config: RasaConfigPlan;
  /** The Rasa Deployment and its container. */
  readonly server: RasaServerPlan;
  /** The Service in front of the Rasa pods. */
  readonly service: RasaServicePlan;
  /** The Deployment's autoscaler; rendered when gates.autoscaler. */
  readonly autoscaler: AutoscalerPlan;
  /** The Ingress; rendered when gates.ingress. */
  readonly ingress: IngressPlan;
  /** The widgets with their defaults filled in (also in the minter's input). */
  readonly widgets: readonly ResolvedWidget[];
  /** The minter Job; rendered when gates.minter. */
  readonly minter: MinterJobPlan;
  /** The CronJob that runs the minter again before the tokens expire; rendered when gates.reminter. */
  readonly reminter: ReminterPlan;
  /** The key generator Job; rendered when gates.keyGenerator. */
  readonly keyGenerator: ScriptJobPlan<KeygenInput>;
  /** One NetworkPolicy per kind of pod the bot runs; none without networkPolicy.enabled. */
  readonly networkPolicies: readonly NetworkPolicyPlan[];
  /** The action server and its Service; rendered when gates.actionServer. */
  readonly actionServer: ActionServerPlan;
  /** The models' claim; rendered when gates.modelClaim. */
  readonly modelClaim: ModelClaimPlan;
  /** The demo page; rendered when gates.demo. */
  readonly demo: DemoPagePlan;
}

/** The demo page (see demoPlan), with its pod template's metadata. */
export interface DemoPagePlan extends DemoPlan {
  /** The component's labels, the common annotations and the files' checksum. */
  readonly podMetadata: PodMetadata;
}

/** Plans a bot from resolved settings (see resolveSettings). */
export function planBot(settings: Settings, target: PlanTarget): BotPlan {
  const s = settings;
  const { release } = target;
  const name = fullname(s, release);
  const labels = {
    server: componentLabels(s, release, 'server'),
    minter: componentLabels(s, release, 'minter'),
    keygen: componentLabels(s, release, 'keygen'),
    'action-server': componentLabels(s, release, 'action-server'),
    demo: componentLabels(s, release, 'demo'),
  };
  const actionUrl = actionEndpointUrl(s, name, target.namespace);
  const files = {
    'credentials.yml': credentialsYaml(s),
    'endpoints.yml': endpointsYaml(s, s.actionServer.enabled ? actionUrl : undefined),
  };
  const checksum = configChecksum(files);
  const minter = minterJob(s, release, name, programScript('minter'));
  const demo = demoPlan(s, name, target.namespace);
  return {
    ...target,
    settings: s,
    fullname: name,
    appName: appName(s),
    labels,
    gates: botGates(s),
    config: { name: configName(name), files, checksum },
    server: {
      name,
      replicas: serverReplicas(s),
      serviceAccountName: serviceAccountName(s, name),
      image: imageRef(s.rasa.image),
      command: keyGuardCommand(s),
      args: rasaArgs(s),
      env: rasaEnv(s),
      keyEnvName: s.socketio.jwtKey.envName,
      probes: serverProbes(s),
      initContainers: modelDownloadContainers(s),
      volumes: modelVolumes(s, name),
      volumeMounts: modelVolumeMounts(s.rasa),
      podMetadata: podMetadata(s, labels.server, {
        labels: s.rasa.podLabels,
        annotations: { ...s.rasa.podAnnotations, 'checksum/config': checksum },
      }),
    },
    ingress: ingressPlan(s),
    service: { sessionAffinity: sessionAffinity(s) },
    autoscaler: autoscalerPlan(s, name),
    widgets: minter.input.widgets,
    minter,
    reminter: reminterPlan(s, name),
    keyGenerator: keygenJob(s, release, name, programScript('keygen')),
    networkPolicies: networkPolicies(s, release, name),
    actionServer: {
      name: actionServerName(name),
      replicas: s.actionServer.replicaCount,
      image: imageRef(s.actionServer.image),
      args: actionServerArgs(s),
      env: extraEnvVars(s.actionServer.extraEnv),
      port: s.actionServer.port,
      url: actionUrl,
      podMetadata: podMetadata(s, labels['action-server'], {
        labels: s.actionServer.podLabels,
        annotations: s.actionServer.podAnnotations,
      }),
    },
    modelClaim: { name: modelClaimName(s, name) },
    demo: { ...demo, podMetadata: podMetadata(s, labels.demo, { annotations: { 'checksum/files': demo.checksum } }) },
  };
}

/**
 * Which optional objects the bot has.
 * Twin: the `if` that opens each optional template of the chart (serviceaccount.yaml,
 * poddisruptionbudget.yaml, hpa.yaml, ingress.yaml, secret.yaml, widgets-configmap.yaml, cronjob.yaml,
 * action-server-deployment.yaml, action-server-service.yaml, model-pvc.yaml, demo-*.yaml) and those in
 * "rasa.scriptJobs".
 */
export function botGates(s: Settings): BotGates {
  return {
    serviceAccount: s.rasa.serviceAccount.create,
    // With one pod a budget could only block node drains.
    disruptionBudget: s.rasa.podDisruptionBudget.enabled && podCount(s.rasa).most > 1,
    autoscaler: s.rasa.autoscaling.enabled,
    ingress: s.ingress.enabled,
    keyGenerator: s.socketio.jwtKey.generate,
    minter: s.minter.enabled,
    reminter: remintSchedule(s) !== '',
    jwtKeySecret: s.socketio.jwtKey.literal !== '',
    actionServer: s.actionServer.enabled,
    demo: s.demo.enabled,
    modelClaim: s.rasa.model.persistence.enabled && !s.rasa.model.persistence.existingClaim,
  };
}

function componentLabels(s: Settings, release: string, component: Component): ComponentLabels {
  return { selector: selectorLabels(s, release, component), object: objectLabels(s, release, component) };
}

/**
 * What every object of one component carries, whatever its name: the namespace, the component's
 * labels and the common annotations. Constructs whose objects are named by the plan take this.
 */
export interface ComponentMetadata {
  /** @default - the namespace of the cdk8s Chart */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations under each object's own. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An object's metadata, as both renderers write it. */
export interface ObjectMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * The metadata every object of one component of the bot carries (see objectMetadata).
 * Twin: the namespace, labels and commonAnnotations of the chart's "rasa.metadata" helper.
 */
export function componentMetadata(plan: BotPlan, component: Component): ComponentMetadata {
  return { namespace: plan.namespace, labels: plan.labels[component].object, annotations: plan.settings.commonAnnotations };
}

/**
 * metadata of one object: its component's (see componentMetadata), with its name and its own
 * annotations, which win.
 * Twin: the chart's "rasa.metadata" helper (which adds Helm's own labels).
 */
export function objectMetadata(component: ComponentMetadata, name: string,
  annotations: Readonly<Record<string, string>> = {}): ObjectMetadata {
  return {
    name,
    namespace: component.namespace,
    labels: { ...component.labels },
    annotations: { ...component.annotations, ...annotations },
  };
}

/** A pod template's metadata, as both renderers write it. */
export interface PodMetadata {
  /** The pod's labels: its own (e.g. rasa.podLabels) under the component's, which its selector matches. */
  readonly labels: Record<string, string>;
  /** The pod's annotations: the common annotations under its own (e.g. the checksums that roll the pods on a change). */
  readonly annotations: Record<string, string>;
}

/**
 * metadata of a pod template of one component: its own labels under the component's (which its
 * selector matches), the common annotations under its own.
 * Twin: template.metadata in the chart's deployment.yaml and _script-job.tpl.
 */
export function podMetadata(s: Settings, labels: ComponentLabels,
  own: { readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> } = {}): PodMetadata {
  return {
    labels: { ...own.labels, ...labels.object },
    annotations: { ...s.commonAnnotations, ...own.annotations },
  };
}
