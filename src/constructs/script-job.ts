import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata, type PodMetadata, type RoleRulePlan, type ScriptJobPlan } from '../plan/index.js';
import type { MinterSettings } from '../settings/index.js';
import { buildPod } from './pod-builder.js';

/** What every script Job is given besides its part of the plan. */
export interface ScriptJobCommonProps {
  /**
   * The minter section of the settings, which both script Jobs run under: image pull policy,
   * retries, deadline, TTL, resources, security contexts, scheduling.
   */
  readonly minter: MinterSettings;
  /**
   * Namespace, labels and annotations of each of its objects, which the plan names.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
  /**
   * metadata of the Job's pod template.
   * @default - none
   */
  readonly podMetadata?: PodMetadata;
}

/** Properties of `ScriptJob`. */
export interface ScriptJobProps extends ScriptJobCommonProps {
  /** The Job's part of the plan: its names, input, arguments and the one object it may touch. */
  readonly job: ScriptJobPlan<unknown>;
  /**
   * Environment variables of its container.
   * @default - none
   */
  readonly envVariables?: Readonly<Record<string, kplus.EnvValue>>;
}

/**
 * A Job that runs the bundled script on the stock Node image, with exactly what it needs: a
 * ServiceAccount of its own (the only pods that mount a token), a Role whose rules each name one
 * object, and a restricted security context. The minter and the key generator are two of these.
 * Twin: the chart's script-objects.yaml (its objects in chart/templates/_script-objects.tpl).
 */
export class ScriptJob extends Construct {
  /** The Job's own ServiceAccount: its pods are the only ones of the bot that mount an API token. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The Role whose rules each name one object (see ScriptJobPlan.rules). */
  public readonly role: kplus.Role;
  /** Binds the Role to the ServiceAccount. */
  public readonly roleBinding: kplus.RoleBinding;
  /** The ConfigMap with the program and its input, mounted into the Job's container. */
  public readonly files: kplus.ConfigMap;
  /** The Job that runs the program. */
  public readonly job: kplus.Job;

  constructor(scope: Construct, id: string, props: ScriptJobProps) {
    super(scope, id);
    const { job, minter } = props;
    // Annotations a values file sets to null are absent from the settings, as in Helm.
    const metadata = (name: string, annotations: Readonly<Record<string, string>> = {}) =>
      objectMetadata(props.metadata ?? {}, name, withoutHelmAnnotations(annotations));
    const rbac = metadata(job.name, job.rbacAnnotations);

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: rbac, automountToken: true });
    this.role = new kplus.Role(this, 'Role', { metadata: rbac });
    for (const rule of job.rules) this.role.allow([...rule.verbs], namedObject(rule));
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: rbac, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);
    this.files = new kplus.ConfigMap(this, 'Files', { metadata: rbac, data: { ...job.files } });

    const ttl = minter.ttlSecondsAfterFinished;
    this.job = new kplus.Job(this, 'Job', {
      metadata: metadata(job.jobName, job.jobAnnotations),
      podMetadata: props.podMetadata,
      ...scriptJobLimits(minter),
      // No TTL by default: Argo CD and Flux recreate a Job that disappears from the cluster, which
      // would run it again and again. Set minter.ttlSecondsAfterFinished where nothing recreates it.
      ttlAfterFinished: ttl === null || ttl === undefined ? undefined : Duration.seconds(ttl),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      containers: [],
    });
    buildScriptPod(this.job, job, { minter, files: this.files, envVariables: props.envVariables });
  }
}

/** What a script Job's pod is given besides its part of the plan. */
export interface ScriptPodProps {
  /** The section of the settings its pod runs under (image pull policy, resources, security contexts, scheduling). */
  readonly minter: MinterSettings;
  /** The ConfigMap with the program and its input, mounted read-only at the plan's mountPath. */
  readonly files: kplus.IConfigMap;
  /** @default - none */
  readonly envVariables?: Readonly<Record<string, kplus.EnvValue>>;
}

/**
 * A script Job's limits: retries and deadline (minter.backoffLimit, minter.activeDeadlineSeconds).
 * Twin: the first fields of the chart's "rasa.scriptJobSpec" helper.
 */
export function scriptJobLimits(minter: MinterSettings): { backoffLimit: number; activeDeadline: Duration } {
  return { backoffLimit: minter.backoffLimit, activeDeadline: Duration.seconds(minter.activeDeadlineSeconds) };
}

/**
 * The pod of a script Job, for the Job itself or a CronJob's jobTemplate: the program's container
 * on minter.image running the plan's command, its files mounted read-only, its env, and everything
 * buildPod gives a pod from the minter section. The minter Job and the re-mint CronJob build their
 * pods here, so both get the same settings.
 * Twin: the template of the chart's "rasa.scriptJobSpec" helper (chart/templates/_script-job.tpl).
 */
export function buildScriptPod(workload: kplus.Job | kplus.CronJob, job: ScriptJobPlan<unknown>, props: ScriptPodProps): void {
  const container = workload.addContainer({
    name: job.component,
    image: job.image,
    imagePullPolicy: props.minter.image.pullPolicy as kplus.ImagePullPolicy,
    command: [...job.command],
    envVariables: { ...props.envVariables },
  });
  container.mount(job.mountPath, kplus.Volume.fromConfigMap(workload, 'FilesVolume', props.files, { name: job.component }), { readOnly: true });
  // The plan's scheduling: minter's, falling back to rasa's (jobScheduling).
  buildPod(workload, container.name, { ...props.minter, ...job.scheduling });
}

/** One object of a Role's rule, referenced by name. */
function namedObject(rule: RoleRulePlan): kplus.IApiResource {
  return { apiGroup: rule.apiGroup, resourceType: rule.resource, resourceName: rule.resourceName };
}

/** Helm's hook annotations mean nothing to kubectl or cdk8s users and would confuse Argo CD. */
export function withoutHelmAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('helm.sh/')));
}
