import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Settings } from '../settings/index.js';
import { objectLabels } from './labels.js';
import { minterInputJson, minterJobHash, minterScript } from './minter-files.js';
import { hardenPodTemplate, setResources } from './plus-gaps.js';
import { imageRef } from './image.js';

/** The UID of the `node` user in the official Node images. */
export const NODE_UID = 1000;

/** Says who writes the data of the widgets ConfigMap, which is rendered without any. */
export const FILLED_BY_ANNOTATION = 'rasa-socketio-jwt/filled-by';

/** Where the minter's ConfigMap (script and input) is mounted in its pod. */
export const MINTER_DIR = '/minter';

export interface TokenMinterProps {
  /** Resolved settings. */
  readonly settings: Settings;
  /** Helm release name. */
  readonly release: string;
  /** Namespace of every object. */
  readonly namespace: string;
  /** Prefix of the object names (the chart's fullname). */
  readonly fullname: string;
}

/**
 * The Job that mints the widget tokens in the cluster, with what it needs and nothing more:
 * a ServiceAccount of its own (the only pod that mounts a token), a Role that may get and patch
 * ONE ConfigMap by name (and create it, for the first server-side apply), and the key as an env
 * var from the Secret, so it needs no access to Secrets at all.
 */
export class TokenMinter extends Construct {
  /** Name of the ConfigMap the tokens and snippets are written to. */
  public readonly outputName: string;
  public readonly serviceAccount: kplus.ServiceAccount;
  public readonly role: kplus.Role;
  public readonly roleBinding: kplus.RoleBinding;
  public readonly files: kplus.ConfigMap;
  public readonly job: kplus.Job;
  /** The ConfigMap the minter fills; rendered empty so that it is deleted with the rest. */
  public readonly output: kplus.ConfigMap;

  constructor(scope: Construct, id: string, props: TokenMinterProps) {
    super(scope, id);
    const s = props.settings;
    const name = `${props.fullname}-minter`;
    this.outputName = s.minter.configMapName || `${props.fullname}-widgets`;
    const metadata = (objectName: string, annotations: Readonly<Record<string, string>> = {}) => ({
      name: objectName,
      namespace: props.namespace,
      labels: objectLabels(s, props.release, 'minter'),
      annotations: { ...s.commonAnnotations, ...withoutHelmAnnotations(annotations) },
    });
    const rbac = (objectName: string) => metadata(objectName, s.minter.rbacAnnotations);

    // Owned here (so deleting the app deletes it) but not its data: the minter writes that with
    // server-side apply under its own field manager, which a re-apply of this empty object keeps.
    this.output = new kplus.ConfigMap(this, 'Output', {
      metadata: metadata(this.outputName, { [FILLED_BY_ANNOTATION]: 'the minter Job: widget tokens and snippets' }),
    });

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: rbac(name),
      automountToken: true,
    });
    this.role = new kplus.Role(this, 'Role', { metadata: rbac(name) });
    // Server-side apply of an object that does not exist yet is a create: without `create` the
    // first run fails. resourceNames still confines it to this one name.
    this.role.allow(['get', 'patch', 'create'],
      kplus.ConfigMap.fromConfigMapName(this, 'OutputRef', this.outputName));
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: rbac(name), role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);

    const script = minterScript();
    const input = minterInputJson(s, props.release, this.outputName);
    this.files = new kplus.ConfigMap(this, 'Files', {
      metadata: rbac(name),
      data: { 'minter.mjs': script, 'minter.json': input },
    });

    // Named after a hash of its inputs: a Job's pod template is immutable, so a change must run a
    // new Job rather than fail to patch the old one.
    const jobName = `${props.fullname.slice(0, 41).replace(/-$/, '')}-minter-${minterJobHash(s, input, script)}`;
    const ttl = s.minter.ttlSecondsAfterFinished;
    this.job = new kplus.Job(this, 'Job', {
      metadata: metadata(jobName, s.minter.jobAnnotations),
      podMetadata: { labels: objectLabels(s, props.release, 'minter'), annotations: { ...s.commonAnnotations } },
      backoffLimit: s.minter.backoffLimit,
      activeDeadline: Duration.seconds(s.minter.activeDeadlineSeconds),
      // No TTL by default: Argo CD and Flux recreate a Job that disappears from the cluster, which
      // would mint again and again. Set minter.ttlSecondsAfterFinished where nothing recreates it.
      ttlAfterFinished: ttl === null || ttl === undefined ? undefined : Duration.seconds(ttl),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      securityContext: { ensureNonRoot: true, user: NODE_UID, group: NODE_UID },
      containers: [],
    });
    const key = s.socketio.jwtKey;
    const container = this.job.addContainer({
      name: 'minter',
      image: imageRef(s.minter.image),
      imagePullPolicy: s.minter.image.pullPolicy as kplus.ImagePullPolicy,
      command: ['node', `${MINTER_DIR}/minter.mjs`, `${MINTER_DIR}/minter.json`],
      envVariables: {
        [key.envName]: kplus.EnvValue.fromSecretValue({
          secret: kplus.Secret.fromSecretName(this, 'KeySecret', key.secretName), key: key.secretKey,
        }),
      },
      resources: {},
      securityContext: {
        ensureNonRoot: true,
        user: NODE_UID,
        group: NODE_UID,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
      },
    });
    container.mount(MINTER_DIR, kplus.Volume.fromConfigMap(this, 'FilesVolume', this.files, { name: 'minter' }), { readOnly: true });
    hardenPodTemplate(this.job, { podSpecPath: '/spec/template/spec', containerCount: 1 });
    setResources(this.job, '/spec/template/spec/containers/0', s.minter.resources);
  }
}

/** Helm's hook annotations mean nothing to kubectl or cdk8s users and would confuse Argo CD. */
function withoutHelmAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('helm.sh/')));
}
