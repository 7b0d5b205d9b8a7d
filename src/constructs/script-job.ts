import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, SCRIPT_DIR, type ScriptJobPlan } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';
import { hardenPodTemplate, setResources } from './plus-gaps.js';

/** The UID of the `node` user in the official Node images. */
export const NODE_UID = 1000;

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
      podMetadata: { labels: { ...plan.labels[job.component].object }, annotations: { ...s.commonAnnotations } },
      backoffLimit: s.minter.backoffLimit,
      activeDeadline: Duration.seconds(s.minter.activeDeadlineSeconds),
      // No TTL by default: Argo CD and Flux recreate a Job that disappears from the cluster, which
      // would run it again and again. Set minter.ttlSecondsAfterFinished where nothing recreates it.
      ttlAfterFinished: ttl === null || ttl === undefined ? undefined : Duration.seconds(ttl),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      securityContext: { ensureNonRoot: true, user: NODE_UID, group: NODE_UID },
      containers: [],
    });
    const key = s.socketio.jwtKey;
    const container = this.job.addContainer({
      name: 'minter',
      image: job.image,
      imagePullPolicy: s.minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: ['node', `${SCRIPT_DIR}/minter.mjs`, ...job.args],
      // The key reaches the minter as an env var: it needs no access to Secrets at all.
      envVariables: job.keyEnv
        ? { [key.envName]: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'KeySecret', key.secretName), key: key.secretKey }) }
        : {},
      resources: {},
      securityContext: {
        ensureNonRoot: true, user: NODE_UID, group: NODE_UID,
        readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
      },
    });
    container.mount(SCRIPT_DIR, kplus.Volume.fromConfigMap(this, 'FilesVolume', this.files, { name: 'minter' }), { readOnly: true });
    hardenPodTemplate(this.job, { podSpecPath: '/spec/template/spec', containerCount: 1 });
    setResources(this.job, '/spec/template/spec/containers/0', s.minter.resources);
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
