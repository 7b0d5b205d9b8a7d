import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import {
  fullname, isDns1123Label, resolveSettings, serviceAccountName, SettingsError, type Settings, type SettingsInput,
} from '../settings/index.js';
import { objectLabels } from './labels.js';
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
    this.fullname = fullname(this.settings, this.release);

    const common = { settings: this.settings, release: this.release, namespace: this.namespace };
    this.jwtKey = new JwtKeySecret(this, 'JwtKey', common);
    this.config = new RasaConfig(this, 'Config', { ...common, name: `${this.fullname}-config` });
    const sa = this.settings.rasa.serviceAccount;
    const saName = serviceAccountName(this.settings, this.fullname);
    if (sa.create) {
      this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
        metadata: {
          name: saName,
          namespace: this.namespace,
          labels: objectLabels(this.settings, this.release, 'server'),
          annotations: { ...this.settings.commonAnnotations, ...sa.annotations },
        },
        automountToken: false,
      });
    }
    this.server = new RasaServer(this, 'Server', {
      ...common,
      name: this.fullname,
      serviceAccount: this.serviceAccount ?? (saName === 'default' ? undefined : kplus.ServiceAccount.fromServiceAccountName(this, 'ExistingServiceAccount', saName)),
      config: this.config.configMap,
      configChecksum: this.config.checksum,
    });
    this.service = new RasaService(this, 'Service', { ...common, name: this.fullname });
    // With one replica a budget could only block node drains; it protects something from two on.
    if (this.settings.rasa.podDisruptionBudget.enabled && this.settings.rasa.replicaCount > 1) {
      this.disruptionBudget = new RasaDisruptionBudget(this, 'DisruptionBudget', { ...common, name: this.fullname });
    }
    if (this.settings.ingress.enabled) {
      this.ingress = new RasaIngress(this, 'Ingress', { ...common, name: this.fullname, service: this.service.service });
    }
    if (this.settings.socketio.jwtKey.generate) {
      this.keyGenerator = new KeyGenerator(this, 'KeyGenerator', { ...common, fullname: this.fullname });
    }
    if (this.settings.minter.enabled) {
      this.minter = new TokenMinter(this, 'Minter', { ...common, fullname: this.fullname });
    }
  }
}
