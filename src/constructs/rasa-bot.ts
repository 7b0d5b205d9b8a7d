import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import { objectMetadata, planBot, type BotPlan } from '../plan/index.js';
import { isDns1123Label, resolveSettings, SettingsError, type Settings, type SettingsInput } from '../settings/index.js';
import { JwtKeySecret } from './jwt-key-secret.js';
import { KeyGenerator } from './key-generator.js';
import { RasaConfig } from './rasa-config.js';
import { RasaDisruptionBudget } from './rasa-disruption-budget.js';
import { RasaIngress } from './rasa-ingress.js';
import { RasaServer } from './rasa-server.js';
import { RasaService } from './rasa-service.js';
import { TokenMinter } from './token-minter.js';

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
   * Namespace of every object.
   * @default - the chart's namespace, else "default"
   */
  readonly namespace?: string;
}

/**
 * A whole Rasa bot: the server, its Service (and Ingress), its channel configuration, and the
 * socketio JWT key taken from a Secret.
 */
export class RasaBot extends Construct {
  public readonly settings: Settings;
  public readonly release: string;
  public readonly namespace: string;
  /** Prefix of every object name (the chart's fullname). */
  public readonly fullname: string;
  /** Everything derived from the settings, which each construct of the bot reads. */
  public readonly plan: BotPlan;
  public readonly jwtKey: JwtKeySecret;
  public readonly config: RasaConfig;
  /** The Rasa pods' ServiceAccount, when the settings create one. */
  public readonly serviceAccount?: kplus.ServiceAccount;
  public readonly server: RasaServer;
  public readonly service: RasaService;
  public readonly ingress?: RasaIngress;
  public readonly disruptionBudget?: RasaDisruptionBudget;
  public readonly minter?: TokenMinter;
  public readonly keyGenerator?: KeyGenerator;

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
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    this.plan = planBot(this.settings, { release: this.release, namespace: this.namespace });
    this.fullname = this.plan.fullname;

    const { plan } = this;
    const { gates } = plan;
    this.jwtKey = new JwtKeySecret(this, 'JwtKey', { plan });
    this.config = new RasaConfig(this, 'Config', { plan });
    const saName = plan.server.serviceAccountName;
    if (gates.serviceAccount) {
      this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
        metadata: objectMetadata(plan, 'server', saName, this.settings.rasa.serviceAccount.annotations),
        automountToken: false,
      });
    }
    this.server = new RasaServer(this, 'Server', {
      plan,
      serviceAccount: this.serviceAccount ?? (saName === 'default' ? undefined : kplus.ServiceAccount.fromServiceAccountName(this, 'ExistingServiceAccount', saName)),
      config: this.config.configMap,
    });
    this.service = new RasaService(this, 'Service', { plan });
    if (gates.disruptionBudget) this.disruptionBudget = new RasaDisruptionBudget(this, 'DisruptionBudget', { plan });
    if (gates.ingress) this.ingress = new RasaIngress(this, 'Ingress', { plan, service: this.service.service });
    if (gates.keyGenerator) this.keyGenerator = new KeyGenerator(this, 'KeyGenerator', { plan });
    if (gates.minter) this.minter = new TokenMinter(this, 'Minter', { plan });
  }
}
