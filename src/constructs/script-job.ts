import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, podMetadata, type ScriptJobPlan } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';
import { buildPod } from './pod-builder.js';

export interface ScriptJobProps extends PlanProps {
  /** The Job's part of the plan: its names, input, arguments and the one object it may touch. */
  readonly job: ScriptJobPlan<unknown>;
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
    const { plan, job } = props;
    const s = plan.settings;
    // Annotations a values file sets to null are absent from the settings, as in Helm.
    const metadata = (name: string, annotations: Readonly<Record<string, string>> = {}) =>
      objectMetadata(plan, job.component, name, withoutHelmAnnotations(annotations));
    const rbac = metadata(job.name, job.rbacAnnotations);

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: rbac, automountToken: true });
    this.role = new kplus.Role(this, 'Role', { metadata: rbac });
    this.role.allow([...job.verbs], this.accessed(job));
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: rbac, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);
    this.files = new kplus.ConfigMap(this, 'Files', { metadata: rbac, data: { ...job.files } });

    const ttl = s.minter.ttlSecondsAfterFinished;
    this.job = new kplus.Job(this, 'Job', {
      metadata: metadata(job.jobName, job.jobAnnotations),
      podMetadata: podMetadata(s, plan.labels[job.component]),
      backoffLimit: s.minter.backoffLimit,
      activeDeadline: Duration.seconds(s.minter.activeDeadlineSeconds),
      // No TTL by default: Argo CD and Flux recreate a Job that disappears from the cluster, which
      // would run it again and again. Set minter.ttlSecondsAfterFinished where nothing recreates it.
      ttlAfterFinished: ttl === null || ttl === undefined ? undefined : Duration.seconds(ttl),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      containers: [],
    });
    const key = s.socketio.jwtKey;
    const container = this.job.addContainer({
      name: job.component,
      image: job.image,
      imagePullPolicy: s.minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: [...job.command],
      // The key reaches the minter as an env var: it needs no access to Secrets at all.
      envVariables: job.keyEnv
        ? { [key.envName]: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'KeySecret', key.secretName), key: key.secretKey }) }
        : {},
    });
    container.mount(job.mountPath, kplus.Volume.fromConfigMap(this, 'FilesVolume', this.files, { name: job.component }), { readOnly: true });
    buildPod(this.job, container.name, s.minter);
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
