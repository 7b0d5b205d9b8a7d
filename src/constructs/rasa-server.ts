import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CONFIG_DIR, objectMetadata, type EnvVar } from '../plan/index.js';
import type { PlanProps } from './plan-props.js';
import { buildPod } from './pod-builder.js';

export interface RasaServerProps extends PlanProps {
  /** The ConfigMap holding credentials.yml and endpoints.yml. */
  readonly config: kplus.IConfigMap;
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
    const { plan } = props;
    const rasa = plan.settings.rasa;

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: objectMetadata(plan, 'server', plan.server.name),
      replicas: rasa.replicaCount,
      select: false,
      podMetadata: plan.server.podMetadata,
      // Rasa never talks to the Kubernetes API: no pod of it carries a token.
      automountServiceAccountToken: false,
      ...(props.serviceAccount ? { serviceAccount: props.serviceAccount } : {}),
      containers: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...plan.labels.server.selector } }));

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
      image: plan.server.image,
      imagePullPolicy: rasa.image.pullPolicy as kplus.ImagePullPolicy,
      command: [...plan.server.command],
      args: [...plan.server.args],
      ports: [{ name: 'http', number: rasa.port }],
      envVariables: envValues(this, plan.server.env),
      startup: probe(rasa.startupProbe),
      liveness: probe(rasa.livenessProbe),
      readiness: probe(rasa.readinessProbe),
    });
    container.mount(CONFIG_DIR, config, { readOnly: true });
    // Rasa writes temp files, unpacked models and its global config (HOME is /app): with a
    // read-only root filesystem these need their own writable volumes.
    container.mount('/tmp', scratch('tmp'));
    container.mount('/app/.config', scratch('home-config'));
    container.mount('/app/.cache', scratch('home-cache'));

    buildPod(this.deployment, container.name, rasa);
  }
}

/** The plan's env as cdk8s-plus values, in order; Secrets are referenced by name, never owned. */
function envValues(scope: Construct, env: readonly EnvVar[]): Record<string, kplus.EnvValue> {
  const values: Record<string, kplus.EnvValue> = {};
  for (const e of env) {
    if ('value' in e) {
      values[e.name] = kplus.EnvValue.fromValue(e.value);
      continue;
    }
    const { name, key } = e.valueFrom.secretKeyRef;
    const secret = kplus.Secret.fromSecretName(scope, `secret-${scope.node.children.length}`, name);
    values[e.name] = kplus.EnvValue.fromSecretValue({ secret, key });
  }
  return values;
}
