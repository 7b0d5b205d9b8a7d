import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import { componentMetadata, objectMetadata, planBot, podMetadata, type BotPlan, type Component } from '../plan/index.js';
import { isDns1123Label, resolveSettings, SettingsError, type Settings, type SettingsInput } from '../settings/index.js';
import { JwtKeySecret } from './jwt-key-secret.js';
import { KeyGenerator } from './key-generator.js';
import { DemoPage } from './demo-page.js';
import { RasaActionServer } from './rasa-action-server.js';
import { RasaAutoscaler } from './rasa-autoscaler.js';
import { RasaConfig } from './rasa-config.js';
import { RasaDisruptionBudget } from './rasa-disruption-budget.js';
import { RasaIngress } from './rasa-ingress.js';
import { RasaNetworkPolicy } from './rasa-network-policy.js';
import { RasaModelClaim } from './rasa-model-claim.js';
import { RasaServer } from './rasa-server.js';
import { RasaService } from './rasa-service.js';
import { TokenMinter } from './token-minter.js';
import { TokenReminter } from './token-reminter.js';

/** Properties of `RasaBot`: the values, or settings already resolved, and where the objects go. */
export interface RasaBotProps {
  /**
   * Values, exactly as in a values file for the chart (camelCase keys); a list is merged in order,
   * later entries winning, like several `helm -f` files.
   * @default - the chart's values.yaml
   */
  readonly values?: SettingsInput | readonly SettingsInput[];
  /**
   * Settings already resolved with `resolveSettings` (defaults merged, checked), instead of
   * `values`: resolving them again would read their nulls as deletions.
   * @default - resolved from `values`
   */
  readonly settings?: Settings;
  /**
   * Release name: objects are named as `helm install <release>` names them.
   * @default "rasa"
   */
  readonly release?: string;
  /**
   * Namespace of every object, as `helm install --namespace` gives it. The objects name it (the
   * RoleBindings' ServiceAccount subjects, the action server's URL), so one is needed.
   * @default - the namespace of the cdk8s Chart; without either, the constructor throws
   */
  readonly namespace?: string;
}

/**
 * A whole Rasa bot: the server, its Service (and Ingress), its channel configuration, and the
 * socketio JWT key taken from a Secret.
 */
export class RasaBot extends Construct {
  /** The resolved settings: the values merged over the chart's defaults, and checked. */
  public readonly settings: Settings;
  /** The release name the objects are named after. */
  public readonly release: string;
  /** The namespace of every object. */
  public readonly namespace: string;
  /** Prefix of every object name (the chart's fullname). */
  public readonly fullname: string;
  /** Everything derived from the settings, from which the bot gives each construct its props. */
  public readonly plan: BotPlan;
  /** The socketio JWT key's Secret: rendered from socketio.jwtKey.literal, else referenced by name. */
  public readonly jwtKey: JwtKeySecret;
  /** The ConfigMap with credentials.yml and endpoints.yml. */
  public readonly config: RasaConfig;
  /** The Rasa pods' ServiceAccount, when the settings create one. */
  public readonly serviceAccount?: kplus.ServiceAccount;
  /** The Rasa Deployment. */
  public readonly server: RasaServer;
  /** The Service in front of the Rasa pods. */
  public readonly service: RasaService;
  /** The Ingress, when ingress.enabled. */
  public readonly ingress?: RasaIngress;
  /** The PodDisruptionBudget, when rasa.podDisruptionBudget.enabled and more than one pod can run. */
  public readonly disruptionBudget?: RasaDisruptionBudget;
  /** The models' PersistentVolumeClaim, when gates.modelClaim. */
  public readonly modelClaim?: RasaModelClaim;
  /** The Deployment's autoscaler, when rasa.autoscaling.enabled. */
  public readonly autoscaler?: RasaAutoscaler;
  /** The Job that mints the widget tokens into a ConfigMap, when minter.enabled. */
  public readonly minter?: TokenMinter;
  /** The CronJob that runs the minter again before the tokens expire, when gates.reminter. */
  public readonly reminter?: TokenReminter;
  /** The Job that creates the JWT key Secret when it is absent, when socketio.jwtKey.generate. */
  public readonly keyGenerator?: KeyGenerator;
  /** The action server and its Service, when actionServer.enabled. */
  public readonly actionServer?: RasaActionServer;
  /** One NetworkPolicy per kind of pod, when networkPolicy.enabled. */
  public readonly networkPolicies: readonly RasaNetworkPolicy[];
  /** The page with a widget and its current token, when demo.enabled. */
  public readonly demo?: DemoPage;

  constructor(scope: Construct, id: string, props: RasaBotProps = {}) {
    super(scope, id);
    this.release = props.release ?? 'rasa';
    // Helm refuses release names that are not DNS-1123 labels of at most 53 characters.
    if (this.release.length > 53 || !isDns1123Label(this.release)) {
      throw new SettingsError([`'release' (${this.release}) is not a valid release name: use at most 53 ` +
        `lower-case letters, digits and '-', starting and ending with a letter or digit`]);
    }
    if (props.settings && props.values) throw new SettingsError(["give RasaBot 'values' or 'settings', not both"]);
    const layers = Array.isArray(props.values) ? props.values : [props.values as SettingsInput | undefined];
    this.settings = props.settings ?? resolveSettings(...layers);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (namespace === undefined) {
      throw new SettingsError(["RasaBot needs a namespace: its RoleBindings and the action server's URL name it. Give the Chart one " +
        "(new Chart(app, 'bot', { namespace: 'chat' })) or RasaBot the prop namespace"]);
    }
    if (!isDns1123Label(namespace)) {
      throw new SettingsError([`'namespace' (${namespace}) is not a valid namespace name: use at most 63 lower-case letters, ` +
        "digits and '-', starting and ending with a letter or digit"]);
    }
    this.namespace = namespace;
    this.plan = planBot(this.settings, { release: this.release, namespace: this.namespace });
    this.fullname = this.plan.fullname;

    const { plan, settings: s } = this;
    const { gates } = plan;
    const server = componentMetadata(plan, 'server');
    const selector = plan.labels.server.selector;
    const key = s.socketio.jwtKey;
    this.jwtKey = new JwtKeySecret(this, 'JwtKey', {
      secretName: key.secretName,
      secretKey: key.secretKey,
      literal: gates.jwtKeySecret ? key.literal : undefined,
      metadata: server,
    });
    const jwtKey = { secret: this.jwtKey.secret, key: this.jwtKey.key };
    this.config = new RasaConfig(this, 'Config', { plan: plan.config, metadata: server });
    const saName = plan.server.serviceAccountName;
    if (gates.serviceAccount) {
      this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
        metadata: objectMetadata(server, saName, s.rasa.serviceAccount.annotations),
        automountToken: false,
      });
    }
    this.server = new RasaServer(this, 'Server', {
      plan: plan.server,
      rasa: s.rasa,
      selector,
      jwtKey,
      config: this.config.configMap,
      serviceAccount: this.serviceAccount ?? (saName === 'default' ? undefined : kplus.ServiceAccount.fromServiceAccountName(this, 'ExistingServiceAccount', saName)),
      metadata: server,
    });
    // The Service, Ingress, PodDisruptionBudget and autoscaler are named after the Deployment.
    const serverObject = (annotations?: Readonly<Record<string, string>>) => objectMetadata(server, plan.server.name, annotations);
    this.service = new RasaService(this, 'Service', {
      selector,
      port: s.service.port,
      targetPort: s.rasa.port,
      type: s.service.type as kplus.ServiceType,
      sessionAffinity: plan.service.sessionAffinity,
      metadata: serverObject(s.service.annotations),
    });
    if (gates.disruptionBudget) {
      this.disruptionBudget = new RasaDisruptionBudget(this, 'DisruptionBudget', {
        selector,
        minAvailable: s.rasa.podDisruptionBudget.minAvailable,
        metadata: serverObject(),
      });
    }
    if (gates.autoscaler) this.autoscaler = new RasaAutoscaler(this, 'Autoscaler', { plan: plan.autoscaler, metadata: server });
    if (gates.modelClaim) {
      this.modelClaim = new RasaModelClaim(this, 'ModelClaim', {
        persistence: s.rasa.model.persistence,
        metadata: objectMetadata(server, plan.modelClaim.name),
      });
    }
    if (gates.ingress) {
      const { host, className, tlsSecretName } = s.ingress;
      this.ingress = new RasaIngress(this, 'Ingress', {
        service: this.service.service,
        host,
        paths: plan.ingress.paths,
        extraPaths: plan.ingress.extraPaths,
        className: className || undefined,
        tlsSecret: tlsSecretName ? kplus.Secret.fromSecretName(this, 'IngressTls', tlsSecretName) : undefined,
        metadata: serverObject(plan.ingress.annotations),
      });
    }
    if (gates.actionServer) {
      this.actionServer = new RasaActionServer(this, 'ActionServer', {
        plan: plan.actionServer,
        actionServer: s.actionServer,
        selector: plan.labels['action-server'].selector,
        metadata: componentMetadata(plan, 'action-server'),
      });
    }
    const scriptJob = (component: Component) => ({
      minter: s.minter,
      metadata: componentMetadata(plan, component),
      podMetadata: podMetadata(s, plan.labels[component]),
    });
    if (gates.keyGenerator) this.keyGenerator = new KeyGenerator(this, 'KeyGenerator', { job: plan.keyGenerator, ...scriptJob('keygen') });
    if (gates.minter) this.minter = new TokenMinter(this, 'Minter', { job: plan.minter, jwtKey, ...scriptJob('minter') });
    if (this.minter && gates.reminter) {
      const { serviceAccount, files } = this.minter.scriptJob;
      this.reminter = new TokenReminter(this, 'Reminter', {
        plan: plan.reminter, job: plan.minter, jwtKey, serviceAccount, files, ...scriptJob('minter'),
      });
    }
    if (gates.demo) {
      this.demo = new DemoPage(this, 'Demo', {
        plan: plan.demo,
        demo: s.demo,
        minter: s.minter,
        selector: plan.labels.demo.selector,
        podMetadata: plan.demo.podMetadata,
        metadata: componentMetadata(plan, 'demo'),
      });
    }
    this.networkPolicies = plan.networkPolicies.map((policy) => new RasaNetworkPolicy(this, `NetworkPolicy-${policy.component}`, {
      policy,
      metadata: componentMetadata(plan, policy.component),
    }));
  }
}
