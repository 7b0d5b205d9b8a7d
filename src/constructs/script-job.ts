import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Settings } from '../settings/index.js';
import type { NamedObjectProps } from './release-props.js';
import { imageRef } from './image.js';
import { objectLabels, type Component } from './labels.js';
import { hardenPodTemplate, setResources } from './plus-gaps.js';

/** The UID of the `node` user in the official Node images. */
export const NODE_UID = 1000;

/** Where a script Job's ConfigMap (the bundled script and its input) is mounted. */
export const SCRIPT_DIR = '/minter';

/** `name` names the ServiceAccount, Role, RoleBinding and script ConfigMap; the Job has its own. */
export interface ScriptJobProps extends NamedObjectProps {
  /** Name of the Job (ends in a hash of its inputs). */
  readonly jobName: string;
  readonly component: Component;
  /** The one object its Role lets it touch, and how. */
  readonly access: { readonly resource: kplus.IApiResource; readonly verbs: readonly string[] };
  /** The ConfigMap's files: minter.mjs and the program's input. */
  readonly files: Readonly<Record<string, string>>;
  /** Arguments after `node /minter/minter.mjs`. */
  readonly args: readonly string[];
  /** Environment of the container. */
  readonly env: Readonly<Record<string, kplus.EnvValue>>;
  /** Annotations of the ServiceAccount, Role, RoleBinding and ConfigMap (helm.sh/ ones dropped). */
  readonly rbacAnnotations: Readonly<Record<string, string>>;
  /** Annotations of the Job (helm.sh/ ones dropped). */
  readonly jobAnnotations: Readonly<Record<string, string>>;
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
    const s = props.settings;
    const metadata = scriptJobMetadata(props, s);
    const rbac = metadata(props.name, props.rbacAnnotations);

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: rbac, automountToken: true });
    this.role = new kplus.Role(this, 'Role', { metadata: rbac });
    this.role.allow([...props.access.verbs], props.access.resource);
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: rbac, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);
    this.files = new kplus.ConfigMap(this, 'Files', { metadata: rbac, data: { ...props.files } });

    const ttl = s.minter.ttlSecondsAfterFinished;
    this.job = new kplus.Job(this, 'Job', {
      metadata: metadata(props.jobName, props.jobAnnotations),
      podMetadata: { labels: objectLabels(s, props.release, props.component), annotations: { ...s.commonAnnotations } },
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
    const container = this.job.addContainer({
      name: 'minter',
      image: imageRef(s.minter.image),
      imagePullPolicy: s.minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: ['node', `${SCRIPT_DIR}/minter.mjs`, ...props.args],
      envVariables: { ...props.env },
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
}

/** metadata for an object of a script Job: labels of its component, common and own annotations. */
export function scriptJobMetadata(props: Pick<ScriptJobProps, 'namespace' | 'release' | 'component'>, s: Settings) {
  return (name: string, annotations: Readonly<Record<string, string>> = {}) => ({
    name,
    namespace: props.namespace,
    labels: objectLabels(s, props.release, props.component),
    annotations: { ...s.commonAnnotations, ...withoutHelmAnnotations(annotations) },
  });
}

/** Helm's hook annotations mean nothing to kubectl or cdk8s users and would confuse Argo CD. */
function withoutHelmAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('helm.sh/')));
}
