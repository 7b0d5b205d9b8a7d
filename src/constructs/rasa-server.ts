import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { API_TOKEN_ENV, type Settings } from '../settings/index.js';
import { imageRef } from './image.js';
import { keyGuardCommand } from './key-guard.js';
import { objectLabels, selectorLabels } from './labels.js';
import { hardenPodTemplate, setImagePullSecrets, setResources, setScheduling } from './plus-gaps.js';
import { CONFIG_DIR } from './rasa-files.js';
import type { NamedObjectProps } from './release-props.js';

/** The UID the rasa/rasa and rasa/rasa-pro images run as (their USER); group 0 owns /app. */
export const RASA_UID = 1001;

export interface RasaServerProps extends NamedObjectProps {
  /** The ConfigMap holding credentials.yml and endpoints.yml. */
  readonly config: kplus.IConfigMap;
  /** Checksum of that ConfigMap's data, so a change rolls the pods. */
  readonly configChecksum: string;
  /** The pods' ServiceAccount; none for the namespace's default. */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * The Rasa server Deployment: `rasa run` with the socketio key from a Secret through an env var,
 * under a security context that passes Pod Security `restricted`.
 */
export class RasaServer extends Construct {
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: RasaServerProps) {
    super(scope, id);
    const s = props.settings;
    const rasa = s.rasa;

    const podAnnotations: Record<string, string> = {
      ...s.commonAnnotations,
      ...rasa.podAnnotations,
      'checksum/config': props.configChecksum,
    };
    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: objectLabels(s, props.release, 'server'),
        annotations: { ...s.commonAnnotations },
      },
      replicas: rasa.replicaCount,
      select: false,
      podMetadata: {
        labels: { ...rasa.podLabels, ...objectLabels(s, props.release, 'server') },
        annotations: podAnnotations,
      },
      // Rasa never talks to the Kubernetes API: no pod of it carries a token.
      automountServiceAccountToken: false,
      ...(props.serviceAccount ? { serviceAccount: props.serviceAccount } : {}),
      securityContext: { ensureNonRoot: true, user: RASA_UID, group: 0, fsGroup: 0 },
      containers: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: selectorLabels(s, props.release, 'server') }));

    const config = kplus.Volume.fromConfigMap(this, 'config', props.config, { name: 'config' });
    const scratch = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);
    const probe = (p: { periodSeconds: number; failureThreshold: number }) =>
      kplus.Probe.fromHttpGet('/', {
        port: rasa.port,
        periodSeconds: Duration.seconds(p.periodSeconds),
        failureThreshold: p.failureThreshold,
        timeoutSeconds: Duration.seconds(5),
      });

    const container = this.deployment.addContainer({
      name: 'rasa',
      image: imageRef(s.rasa.image),
      imagePullPolicy: rasa.image.pullPolicy as kplus.ImagePullPolicy,
      command: keyGuardCommand(s),
      args: rasaArgs(s),
      ports: [{ name: 'http', number: rasa.port }],
      envVariables: rasaEnv(this, s),
      startup: probe(rasa.startupProbe),
      liveness: probe(rasa.livenessProbe),
      readiness: probe(rasa.readinessProbe),
      resources: {},
      securityContext: {
        ensureNonRoot: true,
        user: RASA_UID,
        group: 0,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
      },
    });
    container.mount(CONFIG_DIR, config, { readOnly: true });
    // Rasa writes temp files, unpacked models and its global config (HOME is /app): with a
    // read-only root filesystem these need their own writable volumes.
    container.mount('/tmp', scratch('tmp'));
    container.mount('/app/.config', scratch('home-config'));
    container.mount('/app/.cache', scratch('home-cache'));

    setImagePullSecrets(this.deployment, '/spec/template/spec', rasa.imagePullSecrets);
    hardenPodTemplate(this.deployment, { podSpecPath: '/spec/template/spec', containerCount: 1 });
    setResources(this.deployment, '/spec/template/spec/containers/0', rasa.resources);
    setScheduling(this.deployment, '/spec/template/spec', {
      nodeSelector: rasa.nodeSelector,
      tolerations: rasa.tolerations,
      affinity: rasa.affinity,
      topologySpreadConstraints: rasa.topologySpreadConstraints,
      priorityClassName: rasa.priorityClassName,
    });
  }
}

/** `rasa run` flags, which the key guard hands to `rasa` (the images' ENTRYPOINT, replaced by the guard). */
function rasaArgs(s: Settings): string[] {
  const args = [
    'run',
    '--port', String(s.rasa.port),
    '--credentials', `${CONFIG_DIR}/credentials.yml`,
    '--endpoints', `${CONFIG_DIR}/endpoints.yml`,
  ];
  if (!s.rasa.model.serverUrl) args.push('--model', s.rasa.model.path);
  // Kubernetes expands $(VAR) in args from the container env, so the token never sits in a spec.
  if (s.rasa.api.enabled) args.push('--enable-api', '--auth-token', `$(${API_TOKEN_ENV})`);
  if (s.rasa.cors.length > 0) args.push('--cors', ...s.rasa.cors);
  return [...args, ...s.rasa.extraArgs];
}

function rasaEnv(scope: Construct, s: Settings): Record<string, kplus.EnvValue> {
  const fromSecret = (name: string, key: string) => {
    const secret = kplus.Secret.fromSecretName(scope, `secret-${scope.node.children.length}`, name);
    return kplus.EnvValue.fromSecretValue({ secret, key });
  };
  const key = s.socketio.jwtKey;
  const env: Record<string, kplus.EnvValue> = {
    [key.envName]: fromSecret(key.secretName, key.secretKey),
    RASA_TELEMETRY_ENABLED: kplus.EnvValue.fromValue(String(s.rasa.telemetryEnabled)),
  };
  const { license, api } = s.rasa;
  if (license.secretName) env[license.envName] = fromSecret(license.secretName, license.secretKey);
  if (api.enabled) env[API_TOKEN_ENV] = fromSecret(api.tokenSecretName, api.tokenSecretKey);
  for (const e of s.rasa.extraEnv) {
    env[e.name] = e.secretName && e.secretKey ? fromSecret(e.secretName, e.secretKey) : kplus.EnvValue.fromValue(e.value ?? '');
  }
  return env;
}
