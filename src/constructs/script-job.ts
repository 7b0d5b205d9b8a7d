import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata, type PodMetadata, type ScriptJobPlan } from '../plan/index.js';
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
 * ServiceAccount of its own (the only pods that mount a token), a Role on one object by name, and a
 * restricted security context. The minter and the key generator are two of these.
 */
export class ScriptJob extends Construct {
  public readonly serviceAccount: kplus.ServiceAccount;
  public readonly role: kplus.Role;
  public readonly roleBinding: kplus.RoleBinding;
  public readonly files: kplus.ConfigMap;
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
    this.role.allow([...job.verbs], this.accessed(job));
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: rbac, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);
    this.files = new kplus.ConfigMap(this, 'Files', { metadata: rbac, data: { ...job.files } });

    const ttl = minter.ttlSecondsAfterFinished;
    this.job = new kplus.Job(this, 'Job', {
      metadata: metadata(job.jobName, job.jobAnnotations),
      podMetadata: props.podMetadata,
      backoffLimit: minter.backoffLimit,
      activeDeadline: Duration.seconds(minter.activeDeadlineSeconds),
      // No TTL by default: Argo CD and Flux recreate a Job that disappears from the cluster, which
      // would run it again and again. Set minter.ttlSecondsAfterFinished where nothing recreates it.
      ttlAfterFinished: ttl === null || ttl === undefined ? undefined : Duration.seconds(ttl),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      containers: [],
    });
    const container = this.job.addContainer({
      name: job.component,
      image: job.image,
      imagePullPolicy: minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: [...job.command],
      envVariables: { ...props.envVariables },
    });
    container.mount(job.mountPath, kplus.Volume.fromConfigMap(this, 'FilesVolume', this.files, { name: job.component }), { readOnly: true });
    buildPod(this.job, container.name, minter);
  }

  /** The one object the Role reaches, referenced by name. */
  private accessed(job: ScriptJobPlan<unknown>): kplus.IApiResource {
    return job.resource === 'secrets'
      ? kplus.Secret.fromSecretName(this, 'Accessed', job.resourceName)
      : kplus.ConfigMap.fromConfigMapName(this, 'Accessed', job.resourceName);
  }
}

/** Helm's hook annotations mean nothing to kubectl or cdk8s users and would confuse Argo CD. */
function withoutHelmAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('helm.sh/')));
}
