/**
 * The one settings model of the product. Its shape is exactly the Helm chart's values
 * (chart/values.yaml), validated by the same schema (chart/values.schema.json): the constructs,
 * the CLI and the chart all read it, so a values file means the same thing everywhere.
 */

/** A JWT algorithm Rasa can verify with a shared key (the minter signs with the same key). */
export type JwtMethod = 'HS256' | 'HS384' | 'HS512';

export interface JwtKeySettings {
  /**
   * Secret that holds the JWT key.
   * @default "rasa-socketio-jwt"
   */
  readonly secretName: string;
  /**
   * Key inside that Secret.
   * @default "jwt-key"
   */
  readonly secretKey: string;
  /**
   * Environment variable the key reaches Rasa through; credentials.yml names it unquoted.
   * @default "RASA_SOCKETIO_JWT_KEY"
   */
  readonly envName: string;
  /**
   * LOCAL USE ONLY: a key of at least 32 bytes to create the Secret from.
   * @default "" - the Secret is referenced, never created
   */
  readonly literal: string;
  /**
   * Create the Secret in the cluster when it is absent (a Job makes 32 random bytes, hex-encoded: 64 characters); an
   * existing Secret is never changed, so the key survives upgrades and GitOps syncs.
   * @default false
   */
  readonly generate: boolean;
}

export interface SocketioSettings {
  /** @default "user_uttered" */
  readonly userMessageEvt: string;
  /** @default "bot_uttered" */
  readonly botMessageEvt: string;
  /**
   * Keep the widget's session across page loads.
   * @default true
   */
  readonly sessionPersistence: boolean;
  /**
   * URL path of the socket.io endpoint; the widgets must use the same.
   * @default "/socket.io"
   */
  readonly socketioPath: string;
  /**
   * socket.io namespace.
   * @default "" - the default namespace
   */
  readonly namespace: string;
  /** @default "HS256" */
  readonly jwtMethod: JwtMethod;
  readonly jwtKey: JwtKeySettings;
}

export interface ImageSettings {
  /** @default "docker.io" */
  readonly registry: string;
  /** @default "rasa/rasa" */
  readonly repository: string;
  /** @default "3.6.21" */
  readonly tag: string;
  /**
   * Image digest (sha256:...); when set it wins over the tag.
   * @default ""
   */
  readonly digest: string;
  /** @default "IfNotPresent" */
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

export interface ModelSettings {
  /**
   * Model file or folder inside the container, passed as --model.
   * @default "models"
   */
  readonly path: string;
  /**
   * Model server URL (endpoints.yml models.url).
   * @default "" - load rasa.model.path
   */
  readonly serverUrl: string;
  /** @default 100 */
  readonly waitTimeBetweenPulls: number;
}

export interface ApiSettings {
  /**
   * Serve Rasa's HTTP API (--enable-api), protected by the token Secret.
   * @default false
   */
  readonly enabled: boolean;
  /** @default "" - required when enabled */
  readonly tokenSecretName: string;
  /** @default "auth-token" */
  readonly tokenSecretKey: string;
}

export interface LicenseSettings {
  /**
   * Secret holding the Rasa Pro licence.
   * @default "" - Rasa Open Source, no licence
   */
  readonly secretName: string;
  /** @default "license" */
  readonly secretKey: string;
  /** @default "RASA_PRO_LICENSE" */
  readonly envName: string;
}

/** An extra environment variable: a plain value, or a key of a Secret. */
export interface ExtraEnv {
  readonly name: string;
  readonly value?: string;
  readonly secretName?: string;
  readonly secretKey?: string;
}

export type Quantity = string | number;

export interface ResourceSettings {
  readonly requests: { readonly cpu: Quantity; readonly memory: Quantity };
  readonly limits: { readonly cpu: Quantity; readonly memory: Quantity };
}

export interface ProbeSettings {
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}

export interface ServiceAccountSettings {
  /**
   * Create a ServiceAccount for the Rasa pods; its token is never mounted.
   * @default true
   */
  readonly create: boolean;
  /** @default "" - the fullname, or the namespace's default when not created */
  readonly name: string;
  /** @default {} */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RasaSettings {
  readonly image: ImageSettings;
  readonly serviceAccount: ServiceAccountSettings;
  /** @default [] */
  readonly imagePullSecrets: readonly string[];
  /** @default 1 */
  readonly replicaCount: number;
  /** @default enabled, minAvailable 1: rendered only with more than one replica */
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable: number };
  /** @default 5005 */
  readonly port: number;
  readonly model: ModelSettings;
  /**
   * Other endpoints.yml entries, as Rasa spells them.
   * @default {}
   */
  readonly endpoints: Readonly<Record<string, unknown>>;
  readonly api: ApiSettings;
  readonly license: LicenseSettings;
  /**
   * Origins of the pages that embed the widget (rasa run --cors). The widgets start with HTTP
   * long-polling, which a browser allows across origins only with CORS.
   * @default [] - pages served from Rasa's own origin
   */
  readonly cors: readonly string[];
  /** @default false */
  readonly telemetryEnabled: boolean;
  /** @default [] */
  readonly extraArgs: readonly string[];
  /** @default [] */
  readonly extraEnv: readonly ExtraEnv[];
  /** @default requests 500m / 1Gi, limits none / 3Gi */
  readonly resources: ResourceSettings;
  /** @default every 10 s, 60 failures: ten minutes to load a model */
  readonly startupProbe: ProbeSettings;
  /** @default every 15 s, 4 failures */
  readonly livenessProbe: ProbeSettings;
  /** @default every 10 s, 3 failures */
  readonly readinessProbe: ProbeSettings;
  /** @default {} */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Kubernetes tolerations, as in a pod spec. @default [] */
  readonly tolerations: readonly Readonly<Record<string, unknown>>[];
  /** Kubernetes affinity, as in a pod spec. @default {} */
  readonly affinity: Readonly<Record<string, unknown>>;
  /** As in a pod spec. @default [] */
  readonly topologySpreadConstraints: readonly Readonly<Record<string, unknown>>[];
  /** @default "" - the cluster's default */
  readonly priorityClassName: string;
  /** @default {} */
  readonly podAnnotations: Readonly<Record<string, string>>;
  /** @default {} */
  readonly podLabels: Readonly<Record<string, string>>;
}

export interface ServiceSettings {
  /** @default "ClusterIP" */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** @default 5005 */
  readonly port: number;
  /** @default {} */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface IngressSettings {
  /** @default false */
  readonly enabled: boolean;
  /** @default "" */
  readonly className: string;
  /** @default "" - required when enabled */
  readonly host: string;
  /** @default "" - no TLS */
  readonly tlsSecretName: string;
  /** @default {} */
  readonly annotations: Readonly<Record<string, string>>;
}

/** One web chat widget: its token and snippets land in the minter's ConfigMap. */
export interface WidgetSettings {
  /** Widget name: the prefix of its keys in the ConfigMap. */
  readonly name: string;
  /**
   * Public origin the page connects to.
   * @default "" - https://ingress.host when the Ingress is on, else http://localhost:service.port
   */
  readonly url?: string;
  /**
   * Token payload. Rasa refuses an empty payload and any `aud` claim.
   * @default {"sender_id": "rasa-chat-widget"}
   */
  readonly claims?: Readonly<Record<string, unknown>>;
  /**
   * Token lifetime: 30d, 12h, 90m, 3600s, 2w.
   * @default "" - no expiry, as the widgets expect long-lived tokens
   */
  readonly expiresIn?: string;
  /**
   * Message sent when the chat opens (e.g. /greet).
   * @default "" - none
   */
  readonly initialPayload?: string;
}

export interface MinterSettings {
  /** @default true */
  readonly enabled: boolean;
  /** @default "" - <fullname>-widgets */
  readonly configMapName: string;
  /** @default docker.io/library/node:24.21.0-alpine */
  readonly image: ImageSettings;
  /** @default 3 */
  readonly backoffLimit: number;
  /** @default 300 */
  readonly activeDeadlineSeconds: number;
  /**
   * Delete the finished Job after this many seconds.
   * @default null - keep it: GitOps tools recreate a deleted Job, which would mint again
   */
  readonly ttlSecondsAfterFinished?: number | null;
  /** @default requests 50m / 64Mi, limits none / 128Mi */
  readonly resources: ResourceSettings;
  /**
   * Annotations of the Job. helm.sh/ annotations are Helm's: the constructs leave them out.
   * @default a Helm post-install,post-upgrade,post-rollback hook, deleted once it succeeds
   */
  readonly jobAnnotations: Readonly<Record<string, string>>;
  /**
   * Annotations of the minter's ServiceAccount, Role, RoleBinding and script ConfigMap.
   * @default Helm hooks that come before the Job
   */
  readonly rbacAnnotations: Readonly<Record<string, string>>;
  /** @default a Helm pre-install,pre-upgrade,pre-rollback hook */
  readonly keygenJobAnnotations: Readonly<Record<string, string>>;
  /** @default Helm hooks that come before the key generator Job */
  readonly keygenRbacAnnotations: Readonly<Record<string, string>>;
}

export interface Settings {
  /** @default "" */
  readonly nameOverride: string;
  /** @default "" */
  readonly fullnameOverride: string;
  /** @default {} */
  readonly commonLabels: Readonly<Record<string, string>>;
  /** @default {} */
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly socketio: SocketioSettings;
  /**
   * Other channels for credentials.yml, as Rasa spells them.
   * @default {}
   */
  readonly channels: Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;
  readonly rasa: RasaSettings;
  readonly service: ServiceSettings;
  readonly ingress: IngressSettings;
  /** @default one widget, "web-chat" */
  readonly widgets: readonly WidgetSettings[];
  readonly minter: MinterSettings;
}

/** What a caller gives: any part of the settings; the rest comes from the chart's values.yaml. */
export type SettingsInput = DeepPartial<Settings>;

export type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
