// Generated from chart/values.schema.json by scripts/generate-types.mjs: do not edit.
// Change the schema (descriptions and defaults are the TSDoc here), then run `npm run generate:types`.

/**
 * HMAC algorithm tokens are signed and verified with (HS256, HS384 or HS512)
 */
export type JwtMethod = 'HS256' | 'HS384' | 'HS512';

/**
 * An extra environment variable: a plain value, or a key of a Secret
 */
export interface ExtraEnv {
  /**
   * Variable name
   */
  readonly name: string;
  /**
   * Plain value
   */
  readonly value?: string;
  /**
   * Secret to read the value from
   */
  readonly secretName?: string;
  /**
   * Key inside that Secret
   */
  readonly secretKey?: string;
}

/**
 * A Kubernetes quantity: a number, or a string such as 500m, 1Gi or 2.
 */
export type Quantity = string | number;

/**
 * A volume, as Kubernetes spells it: a name and one source (configMap, secret, emptyDir,
 * persistentVolumeClaim...), passed through as given
 */
export interface ExtraVolume {
  /**
   * Volume name, unique in the pod
   */
  readonly name: string;
  /**
   * Any other field, as Kubernetes spells it, passed through as given.
   */
  readonly [k: string]: unknown;
}

/**
 * A volume mount, as Kubernetes spells it (name, mountPath, readOnly, subPath...), passed through as
 * given
 */
export interface ExtraVolumeMount {
  /**
   * A volume of extraVolumes beside it
   */
  readonly name: string;
  /**
   * Where in the container, unique among its mounts
   */
  readonly mountPath: string;
  /**
   * Any other field, as Kubernetes spells it, passed through as given.
   */
  readonly [k: string]: unknown;
}

/**
 * A container, as Kubernetes spells it (an init container or a sidecar), passed through as given.
 */
export interface ExtraContainer {
  /**
   * Container name, unique in the pod (not the main container's: rasa, action-server)
   */
  readonly name: string;
  /**
   * Container image
   */
  readonly image: string;
  /**
   * Any other field, as Kubernetes spells it, passed through as given.
   */
  readonly [k: string]: unknown;
}

/**
 * A source of environment variables, as Kubernetes spells it: exactly one of configMapRef and
 * secretRef
 */
export interface ExtraEnvFrom {
  /**
   * The ConfigMap whose keys become variables
   */
  readonly configMapRef?: {
    /**
     * ConfigMap name
     */
    readonly name?: string;
    /**
     * Start the container even when the ConfigMap is missing
     */
    readonly optional?: boolean;
  };
  /**
   * The Secret whose keys become variables
   */
  readonly secretRef?: {
    /**
     * Secret name
     */
    readonly name?: string;
    /**
     * Start the container even when the Secret is missing
     */
    readonly optional?: boolean;
  };
  /**
   * Prepended to each key's variable name
   */
  readonly prefix?: string;
}

/**
 * rasa-socketio-jwt settings: the Helm chart's values, which the constructs and the CLI read too, so a
 * values file means the same thing everywhere
 */
export interface Settings {
  /**
   * Helm's global values, shared with parent charts; not used by this chart
   */
  readonly global?: {
    readonly [k: string]: unknown;
  };
  /**
   * Replaces the chart name in object names (the release name stays)
   * @default ""
   */
  readonly nameOverride: string;
  /**
   * Replaces the whole object name prefix (release name and chart name)
   * @default ""
   */
  readonly fullnameOverride: string;
  /**
   * Labels added to every object this chart renders
   * @default {}
   */
  readonly commonLabels: {
    readonly [k: string]: string;
  };
  /**
   * Annotations added to every object this chart renders
   * @default {}
   */
  readonly commonAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * The socketio channel the web chat widgets connect to, which accepts only tokens signed with the key
   * from a Secret
   */
  readonly socketio: SocketioSettings;
  /**
   * Other channels for credentials.yml, as Rasa spells them (e.g. rest: {}); no secrets here, reference
   * ${ENV} instead
   * @default {}
   */
  readonly channels: {
    readonly [k: string]: {
      readonly [k: string]: unknown;
    } | null;
  };
  /**
   * The Rasa server: image, model, endpoints and pods
   */
  readonly rasa: RasaSettings;
  /**
   * The Service in front of the Rasa pods
   */
  readonly service: ServiceSettings;
  /**
   * An action server (Rasa SDK) for the bot's custom actions: a Deployment and a ClusterIP Service
   * <fullname>-actions, which endpoints.yml's action_endpoint points Rasa at
   */
  readonly actionServer: ActionServerSettings;
  /**
   * An Ingress that routes the socket.io path, the other channels' webhooks and, when asked, the HTTP
   * API to the Service
   */
  readonly ingress: IngressSettings;
  /**
   * NetworkPolicies of the bot's pods, as bitnami's charts name their settings; they only take effect
   * with a network plugin that enforces them
   */
  readonly networkPolicy: NetworkPolicySettings;
  /**
   * Widgets to mint tokens and snippets for
   * @default [
   *   {
   *     "name": "web-chat",
   *     "url": "",
   *     "claims": {
   *       "sender_id": "rasa-chat-widget"
   *     },
   *     "expiresIn": "",
   *     "initialPayload": ""
   *   }
   * ]
   */
  readonly widgets: readonly WidgetSettings[];
  /**
   * The Job that signs the widget tokens in the cluster and writes them, with HTML snippets, into one
   * ConfigMap
   */
  readonly minter: MinterSettings;
  /**
   * The key generator: with socketio.jwtKey.generate, a Job that creates the JWT key Secret when it is
   * absent and never changes it; it runs on minter.image, with minter.resources and the minter's Job
   * limits
   */
  readonly keyGenerator: KeyGeneratorSettings;
  /**
   * A page with a widget and its current token, to chat with the bot right after install through kubectl
   * port-forward
   */
  readonly demo: DemoSettings;
  /**
   * `helm test`: a pod that connects to the socketio channel with the first widget's token and with one
   * signed by another key (Helm only: synth renders no test pod)
   */
  readonly tests: TestSettings;
}

/**
 * The socketio channel the web chat widgets connect to, which accepts only tokens signed with the key
 * from a Secret
 */
export interface SocketioSettings {
  /**
   * Event name the widget sends user messages with
   * @default "user_uttered"
   */
  readonly userMessageEvt: string;
  /**
   * Event name the bot answers with
   * @default "bot_uttered"
   */
  readonly botMessageEvt: string;
  /**
   * Let the widget keep its session across page loads (sender is the client's session_id)
   * @default true
   */
  readonly sessionPersistence: boolean;
  /**
   * URL path of the socket.io endpoint; the widgets must use the same
   * @default "/socket.io"
   */
  readonly socketioPath: string;
  /**
   * socket.io namespace; empty for the default namespace
   * @default ""
   */
  readonly namespace: string;
  /**
   * HMAC algorithm tokens are signed and verified with (HS256, HS384 or HS512)
   * @default "HS256"
   */
  readonly jwtMethod: JwtMethod;
  /**
   * Where the JWT key comes from: a key of a Secret, handed to Rasa as an environment variable
   */
  readonly jwtKey: JwtKeySettings;
}

/**
 * Where the JWT key comes from: a key of a Secret, handed to Rasa as an environment variable
 */
export interface JwtKeySettings {
  /**
   * Secret that holds the JWT key (create it before installing, or set socketio.jwtKey.generate; see
   * README)
   * @default "rasa-socketio-jwt"
   */
  readonly secretName: string;
  /**
   * Key inside that Secret
   * @default "jwt-key"
   */
  readonly secretKey: string;
  /**
   * Environment variable the key reaches Rasa through; credentials.yml names it unquoted
   * @default "RASA_SOCKETIO_JWT_KEY"
   */
  readonly envName: string;
  /**
   * LOCAL USE ONLY: a key (>= 32 bytes) to create the Secret from; it then sits in your values
   * @default ""
   */
  readonly literal: string;
  /**
   * Create the Secret in the cluster when it is absent (32 random bytes as 64 hex characters, made by a
   * Job before install and upgrade); an existing Secret is never changed, and it outlives the release
   * @default false
   */
  readonly generate: boolean;
}

/**
 * The Rasa server: image, model, endpoints and pods
 */
export interface RasaSettings {
  /**
   * The Rasa image
   */
  readonly image: RasaImageSettings;
  /**
   * The ServiceAccount of the Rasa pods
   */
  readonly serviceAccount: ServiceAccountSettings;
  /**
   * Names of Secrets used to pull the image
   * @default []
   */
  readonly imagePullSecrets: readonly string[];
  /**
   * Number of Rasa pods (unused with rasa.autoscaling.enabled); more than one needs a shared tracker
   * store and a lock store in rasa.endpoints
   * @default 1
   */
  readonly replicaCount: number;
  /**
   * A PodDisruptionBudget for the Rasa pods
   */
  readonly podDisruptionBudget: {
    /**
     * Keep Rasa pods up through node drains; rendered only when more than one pod can run (with one it
     * would block drains)
     * @default true
     */
    readonly enabled: boolean;
    /**
     * Pods that must stay up during a voluntary disruption
     * @default 1
     */
    readonly minAvailable: number;
  };
  /**
   * A HorizontalPodAutoscaler (autoscaling/v2) for the Rasa Deployment
   */
  readonly autoscaling: {
    /**
     * Scale the Rasa pods between minReplicas and maxReplicas instead of rasa.replicaCount; more than one
     * pod needs a shared tracker store and a lock store in rasa.endpoints
     * @default false
     */
    readonly enabled: boolean;
    /**
     * Fewest Rasa pods
     * @default 2
     */
    readonly minReplicas: number;
    /**
     * Most Rasa pods; at least minReplicas
     * @default 5
     */
    readonly maxReplicas: number;
    /**
     * Average CPU use the autoscaler keeps, as a percentage of rasa.resources.requests.cpu (over 100 when
     * pods may use more than they request); null for none
     * @default 80
     */
    readonly targetCPUUtilizationPercentage: number | null;
    /**
     * Average memory use the autoscaler keeps, as a percentage of rasa.resources.requests.memory (over 100
     * when pods may use more than they request); null for none
     * @default null
     */
    readonly targetMemoryUtilizationPercentage?: number | null;
  };
  /**
   * Port the Rasa server listens on
   * @default 5005
   */
  readonly port: number;
  /**
   * The model Rasa serves
   */
  readonly model: ModelSettings;
  /**
   * Other endpoints.yml entries (tracker_store, lock_store, action_endpoint when actionServer is
   * off...); no secrets here, reference ${ENV} fed by rasa.extraEnv
   * @default {}
   */
  readonly endpoints: {
    readonly [k: string]: {
      readonly [k: string]: unknown;
    } | null;
  };
  /**
   * Rasa's HTTP API
   */
  readonly api: ApiSettings;
  /**
   * The Rasa Pro licence
   */
  readonly license: LicenseSettings;
  /**
   * Let Rasa send usage telemetry
   * @default false
   */
  readonly telemetryEnabled: boolean;
  /**
   * Extra arguments for rasa run
   * @default []
   */
  readonly extraArgs: readonly string[];
  /**
   * Extra environment variables: {name, value} or {name, secretName, secretKey}
   * @default []
   *
   * Items: An extra environment variable: a plain value, or a key of a Secret
   */
  readonly extraEnv: readonly ExtraEnv[];
  /**
   * Requests and limits of the Rasa container
   */
  readonly resources: RasaResourceSettings;
  /**
   * How long Rasa may take to start (load its model) before the container restarts
   */
  readonly startupProbe: StartupProbeSettings;
  /**
   * When a running Rasa container restarts
   */
  readonly livenessProbe: LivenessProbeSettings;
  /**
   * When a Rasa pod takes traffic
   */
  readonly readinessProbe: ReadinessProbeSettings;
  /**
   * Seconds a stopping Rasa pod gets, preStopDelaySeconds included, before it is killed: Rasa closes its
   * sockets on SIGTERM and waits for the requests in flight
   * @default 60
   */
  readonly terminationGracePeriodSeconds: number;
  /**
   * Seconds a stopping Rasa pod keeps serving (a preStop sleep) while the Service and ingress
   * controllers stop sending it new connections; 0 for none (an image without sleep)
   * @default 10
   */
  readonly preStopDelaySeconds: number;
  /**
   * How an upgrade replaces the Rasa pods
   */
  readonly rollingUpdate: RollingUpdateSettings;
  /**
   * Node labels the Rasa pods must run on
   * @default {}
   */
  readonly nodeSelector: {
    readonly [k: string]: string;
  };
  /**
   * Tolerations of the Rasa pods
   * @default []
   */
  readonly tolerations: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * Affinity of the Rasa pods (e.g. spread over zones)
   * @default {}
   */
  readonly affinity: {
    readonly [k: string]: unknown;
  };
  /**
   * Topology spread constraints of the Rasa pods
   * @default []
   */
  readonly topologySpreadConstraints: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * PriorityClass of the Rasa pods; empty for the cluster's default
   * @default ""
   */
  readonly priorityClassName: string;
  /**
   * Annotations for the Rasa pods
   * @default {}
   */
  readonly podAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Labels for the Rasa pods (the selector labels cannot be overridden)
   * @default {}
   */
  readonly podLabels: {
    readonly [k: string]: string;
  };
  /**
   * Origins of the pages that embed the widget (rasa run --cors): the widgets start with HTTP
   * long-polling, which a browser allows across origins only with CORS; empty for pages served from
   * Rasa's own origin
   * @default []
   */
  readonly cors: readonly string[];
  /**
   * Security context of the Rasa pods; a null removes a key (on OpenShift: runAsUser, runAsGroup and
   * fsGroup)
   */
  readonly podSecurityContext: RasaPodSecurityContextSettings;
  /**
   * Security context of the Rasa container; a null removes a key (on OpenShift: runAsUser and
   * runAsGroup)
   */
  readonly containerSecurityContext: RasaContainerSecurityContextSettings;
  /**
   * Volumes of the Rasa pods after the chart's own (config, tmp, home-config, home-cache), as Kubernetes
   * spells them; mount them with rasa.extraVolumeMounts
   * @default []
   *
   * Items: A volume, as Kubernetes spells it: a name and one source (configMap, secret, emptyDir,
   * persistentVolumeClaim...), passed through as given
   */
  readonly extraVolumes: readonly ExtraVolume[];
  /**
   * Mounts of rasa.extraVolumes in the Rasa container, after the chart's own (/etc/rasa, /tmp,
   * /app/.config, /app/.cache), as Kubernetes spells them
   * @default []
   *
   * Items: A volume mount, as Kubernetes spells it (name, mountPath, readOnly, subPath...), passed through as
   * given
   */
  readonly extraVolumeMounts: readonly ExtraVolumeMount[];
  /**
   * Containers that run to completion, in order, before Rasa starts, as Kubernetes spells them; passed
   * through as given (no resources or security context of the Rasa container's)
   * @default []
   *
   * Items: An init container, as Kubernetes spells it, passed through as given
   */
  readonly initContainers: readonly ExtraContainer[];
  /**
   * Containers that run beside Rasa in its pods, after the Rasa container, as Kubernetes spells them;
   * passed through as given (no resources or security context of the Rasa container's)
   * @default []
   *
   * Items: A sidecar container, as Kubernetes spells it, passed through as given
   */
  readonly sidecars: readonly ExtraContainer[];
  /**
   * ConfigMaps and Secrets whose every key becomes an environment variable of the Rasa container:
   * {configMapRef: {name}} or {secretRef: {name}}, with an optional prefix
   * @default []
   *
   * Items: A source of environment variables, as Kubernetes spells it: exactly one of configMapRef and
   * secretRef
   */
  readonly extraEnvFrom: readonly ExtraEnvFrom[];
}

/**
 * The Rasa image
 */
export interface RasaImageSettings {
  /**
   * Registry of the Rasa image
   * @default "docker.io"
   */
  readonly registry: string;
  /**
   * Rasa image (rasa/rasa for Open Source, rasa/rasa-pro for Rasa Pro)
   * @default "rasa/rasa"
   */
  readonly repository: string;
  /**
   * Rasa image tag
   * @default "3.6.21"
   */
  readonly tag: string;
  /**
   * Image digest (sha256:...); when set it wins over the tag
   * @default ""
   */
  readonly digest: string;
  /**
   * Image pull policy
   * @default "IfNotPresent"
   */
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

/**
 * The ServiceAccount of the Rasa pods
 */
export interface ServiceAccountSettings {
  /**
   * Create a ServiceAccount for the Rasa pods; its token is never mounted (Rasa needs no Kubernetes API)
   * @default true
   */
  readonly create: boolean;
  /**
   * Its name (empty: the fullname); with create false, an existing one (empty: the namespace's default)
   * @default ""
   */
  readonly name: string;
  /**
   * Its annotations (e.g. a cloud IAM role for a model bucket)
   * @default {}
   */
  readonly annotations: {
    readonly [k: string]: string;
  };
}

/**
 * The model Rasa serves
 */
export interface ModelSettings {
  /**
   * Model file or folder inside the container, passed as --model (relative to /app); with
   * rasa.model.download.url, the downloaded file is passed instead
   * @default "models"
   */
  readonly path: string;
  /**
   * Model server URL (endpoints.yml models.url), which must answer with an ETag; needs rasa.api.enabled,
   * as readiness asks /status whether its model is loaded; empty to load rasa.model.path
   * @default ""
   */
  readonly serverUrl: string;
  /**
   * Seconds between model server polls
   * @default 100
   */
  readonly waitTimeBetweenPulls: number;
  /**
   * The token Rasa sends to the model server (endpoints.yml models.token), from a Secret
   */
  readonly serverToken: ModelServerTokenSettings;
  /**
   * A model fetched over HTTP by an init container before Rasa starts
   */
  readonly download: ModelDownloadSettings;
  /**
   * A PersistentVolumeClaim mounted at /app/models
   */
  readonly persistence: ModelPersistenceSettings;
}

/**
 * The token Rasa sends to the model server (endpoints.yml models.token), from a Secret
 */
export interface ModelServerTokenSettings {
  /**
   * Secret holding the model server's token (Rasa sends it as the query parameter token); empty for none
   * @default ""
   */
  readonly secretName: string;
  /**
   * Key inside that Secret
   * @default "token"
   */
  readonly secretKey: string;
}

/**
 * A model fetched over HTTP by an init container before Rasa starts
 */
export interface ModelDownloadSettings {
  /**
   * URL of a model (.tar.gz) that the init container model-download fetches into /app/models before Rasa
   * starts; Rasa then loads that file; empty for none
   * @default ""
   */
  readonly url: string;
  /**
   * SHA-256 of that file, in lower-case hex as sha256sum prints it (required with url): a file that does
   * not match is not used and the pod does not start
   * @default ""
   */
  readonly sha256: string;
  /**
   * A token sent as Authorization: Bearer with the download, from a Secret
   */
  readonly token: ModelDownloadTokenSettings;
}

/**
 * A token sent as Authorization: Bearer with the download, from a Secret
 */
export interface ModelDownloadTokenSettings {
  /**
   * Secret holding a token sent as Authorization: Bearer <token> with the download (not on redirects);
   * empty for none
   * @default ""
   */
  readonly secretName: string;
  /**
   * Key inside that Secret
   * @default "token"
   */
  readonly secretKey: string;
}

/**
 * A PersistentVolumeClaim mounted at /app/models
 */
export interface ModelPersistenceSettings {
  /**
   * Mount a PersistentVolumeClaim at /app/models (the default rasa.model.path); a download goes into it
   * and is kept across restarts
   * @default false
   */
  readonly enabled: boolean;
  /**
   * Use this existing claim instead of creating <fullname>-models (its access modes are yours to match
   * to the pod count)
   * @default ""
   */
  readonly existingClaim: string;
  /**
   * Size of the claim the chart creates
   * @default "1Gi"
   */
  readonly size: string;
  /**
   * StorageClass of the claim the chart creates; empty for the cluster's default
   * @default ""
   */
  readonly storageClassName: string;
  /**
   * Access modes of the claim the chart creates; more than one Rasa pod needs ReadWriteMany
   * @default [
   *   "ReadWriteOnce"
   * ]
   *
   * @minItems 1
   */
  readonly accessModes: readonly ('ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod')[];
}

/**
 * Rasa's HTTP API
 */
export interface ApiSettings {
  /**
   * Serve Rasa's HTTP API (--enable-api), protected by the token below
   * @default false
   */
  readonly enabled: boolean;
  /**
   * Secret holding the HTTP API auth token (required when the API is enabled)
   * @default ""
   */
  readonly tokenSecretName: string;
  /**
   * Key inside that Secret
   * @default "auth-token"
   */
  readonly tokenSecretKey: string;
}

/**
 * The Rasa Pro licence
 */
export interface LicenseSettings {
  /**
   * Secret holding the Rasa Pro licence; empty for Rasa Open Source
   * @default ""
   */
  readonly secretName: string;
  /**
   * Key inside that Secret
   * @default "license"
   */
  readonly secretKey: string;
  /**
   * Environment variable Rasa Pro reads its licence from
   * @default "RASA_PRO_LICENSE"
   */
  readonly envName: string;
}

/**
 * Requests and limits of the Rasa container
 */
export interface RasaResourceSettings {
  /**
   * What the Rasa container requests; an empty quantity requests nothing
   */
  readonly requests: {
    /**
     * CPU request
     * @default "500m"
     */
    readonly cpu: Quantity;
    /**
     * Memory request
     * @default "1Gi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage request: its emptyDir volumes count, where Rasa unpacks its model
     * @default "1Gi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
  /**
   * What the Rasa container is limited to; an empty quantity sets no limit
   */
  readonly limits: {
    /**
     * CPU limit; empty for none (Rasa bursts while loading a model)
     * @default ""
     */
    readonly cpu: Quantity;
    /**
     * Memory limit
     * @default "3Gi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage limit, past which the pod is evicted: its emptyDir volumes count, where Rasa
     * unpacks its model (raise it for a large model)
     * @default "8Gi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
}

/**
 * How long Rasa may take to start (load its model) before the container restarts
 */
export interface StartupProbeSettings {
  /**
   * Seconds between start-up checks
   * @default 10
   */
  readonly periodSeconds: number;
  /**
   * Checks before giving up: the budget to load a model is periodSeconds x failureThreshold
   * @default 60
   */
  readonly failureThreshold: number;
}

/**
 * When a running Rasa container restarts
 */
export interface LivenessProbeSettings {
  /**
   * Seconds between liveness checks
   * @default 15
   */
  readonly periodSeconds: number;
  /**
   * Failed checks before the container restarts
   * @default 4
   */
  readonly failureThreshold: number;
}

/**
 * When a Rasa pod takes traffic
 */
export interface ReadinessProbeSettings {
  /**
   * Seconds between readiness checks
   * @default 10
   */
  readonly periodSeconds: number;
  /**
   * Failed checks before the pod leaves the Service
   * @default 3
   */
  readonly failureThreshold: number;
}

/**
 * How an upgrade replaces the Rasa pods
 */
export interface RollingUpdateSettings {
  /**
   * Pods started above the count during an update (a number or a percentage)
   * @default "25%"
   */
  readonly maxSurge: number | string;
  /**
   * Pods that may be missing during an update (a number or a percentage): 0 keeps every pod serving
   * until its replacement is Ready
   * @default 0
   */
  readonly maxUnavailable: number | string;
}

/**
 * Security context of the Rasa pods; a null removes a key (on OpenShift: runAsUser, runAsGroup and
 * fsGroup)
 */
export interface RasaPodSecurityContextSettings {
  /**
   * Refuse to start the pod's containers as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the pod's containers (the Rasa images' USER); null lets the platform choose (OpenShift)
   * @default 1001
   */
  readonly runAsUser: number;
  /**
   * GID of the pod's containers (group 0 owns /app in the Rasa images); null lets the platform choose
   * @default 0
   */
  readonly runAsGroup: number;
  /**
   * Group that owns the pod's volumes; null lets the platform choose
   * @default 0
   */
  readonly fsGroup: number;
  /**
   * When the volumes are given to fsGroup (Always or OnRootMismatch)
   * @default "Always"
   */
  readonly fsGroupChangePolicy: 'Always' | 'OnRootMismatch';
  /**
   * Seccomp profile of the pod's containers
   */
  readonly seccompProfile?: {
    /**
     * Seccomp profile of the pod's containers (RuntimeDefault, as Pod Security restricted requires)
     * @default "RuntimeDefault"
     */
    readonly type: 'RuntimeDefault' | 'Unconfined';
  };
}

/**
 * Security context of the Rasa container; a null removes a key (on OpenShift: runAsUser and
 * runAsGroup)
 */
export interface RasaContainerSecurityContextSettings {
  /**
   * Refuse to start the Rasa container as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the Rasa container; null takes the pod's
   * @default 1001
   */
  readonly runAsUser: number;
  /**
   * GID of the Rasa container; null takes the pod's
   * @default 0
   */
  readonly runAsGroup: number;
  /**
   * Mount the root filesystem read-only (Rasa writes to emptyDir volumes)
   * @default true
   */
  readonly readOnlyRootFilesystem: boolean;
  /**
   * Let a process gain more privileges than its parent
   * @default false
   */
  readonly allowPrivilegeEscalation: boolean;
  /**
   * Run the Rasa container privileged
   * @default false
   */
  readonly privileged: boolean;
  /**
   * Linux capabilities, as Kubernetes spells them: drop (ALL, as Pod Security restricted requires) and
   * add
   * @default {
   *   "drop": [
   *     "ALL"
   *   ]
   * }
   */
  readonly capabilities: {
    readonly [k: string]: readonly string[];
  };
}

/**
 * The Service in front of the Rasa pods
 */
export interface ServiceSettings {
  /**
   * Service type
   * @default "ClusterIP"
   */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /**
   * Service port
   * @default 5005
   */
  readonly port: number;
  /**
   * Session affinity of the Service (ClientIP keeps each client IP on one pod); empty: ClientIP when
   * more than one pod can run, else None
   * @default ""
   */
  readonly sessionAffinity: '' | 'ClientIP' | 'None';
  /**
   * Service annotations
   * @default {}
   */
  readonly annotations: {
    readonly [k: string]: string;
  };
}

/**
 * An action server (Rasa SDK) for the bot's custom actions: a Deployment and a ClusterIP Service
 * <fullname>-actions, which endpoints.yml's action_endpoint points Rasa at
 */
export interface ActionServerSettings {
  /**
   * Run an action server and point Rasa's action_endpoint at it (leave rasa.endpoints.action_endpoint
   * unset)
   * @default false
   */
  readonly enabled: boolean;
  /**
   * The Rasa SDK image the action server runs: rasa/rasa-sdk, or your own built FROM it with your
   * actions package at /app/actions
   */
  readonly image: ActionServerImageSettings;
  /**
   * Names of Secrets used to pull the action server image
   * @default []
   */
  readonly imagePullSecrets: readonly string[];
  /**
   * Number of action server pods (they keep no state, so any number works)
   * @default 1
   */
  readonly replicaCount: number;
  /**
   * Port the action server listens on and its Service serves (the URL in action_endpoint)
   * @default 5055
   */
  readonly port: number;
  /**
   * Environment variables of the action server container (e.g. API keys your actions use): {name, value}
   * or {name, secretName, secretKey}
   * @default []
   *
   * Items: An extra environment variable: a plain value, or a key of a Secret
   */
  readonly extraEnv: readonly ExtraEnv[];
  /**
   * Requests and limits of the action server container
   */
  readonly resources: ActionServerResourceSettings;
  /**
   * Node labels the action server pods must run on
   * @default {}
   */
  readonly nodeSelector: {
    readonly [k: string]: string;
  };
  /**
   * Tolerations of the action server pods
   * @default []
   */
  readonly tolerations: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * Affinity of the action server pods
   * @default {}
   */
  readonly affinity: {
    readonly [k: string]: unknown;
  };
  /**
   * Topology spread constraints of the action server pods
   * @default []
   */
  readonly topologySpreadConstraints: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * PriorityClass of the action server pods; empty for the cluster's default
   * @default ""
   */
  readonly priorityClassName: string;
  /**
   * Annotations for the action server pods
   * @default {}
   */
  readonly podAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Labels for the action server pods (the selector labels cannot be overridden)
   * @default {}
   */
  readonly podLabels: {
    readonly [k: string]: string;
  };
  /**
   * Security context of the action server pods; a null removes a key (on OpenShift: runAsUser,
   * runAsGroup and fsGroup)
   */
  readonly podSecurityContext: ActionServerPodSecurityContextSettings;
  /**
   * Security context of the action server container; a null removes a key (on OpenShift: runAsUser and
   * runAsGroup)
   */
  readonly containerSecurityContext: ActionServerContainerSecurityContextSettings;
  /**
   * Volumes of the action server pods after the chart's own (tmp), as Kubernetes spells them; mount them
   * with actionServer.extraVolumeMounts
   * @default []
   *
   * Items: A volume, as Kubernetes spells it: a name and one source (configMap, secret, emptyDir,
   * persistentVolumeClaim...), passed through as given
   */
  readonly extraVolumes: readonly ExtraVolume[];
  /**
   * Mounts of actionServer.extraVolumes in the action server container, after the chart's own (/tmp), as
   * Kubernetes spells them
   * @default []
   *
   * Items: A volume mount, as Kubernetes spells it (name, mountPath, readOnly, subPath...), passed through as
   * given
   */
  readonly extraVolumeMounts: readonly ExtraVolumeMount[];
  /**
   * Containers that run to completion, in order, before the action server starts, as Kubernetes spells
   * them; passed through as given (no resources or security context of the action server container's)
   * @default []
   *
   * Items: An init container, as Kubernetes spells it, passed through as given
   */
  readonly initContainers: readonly ExtraContainer[];
  /**
   * Containers that run beside the action server in its pods, after its container, as Kubernetes spells
   * them; passed through as given (no resources or security context of the action server container's)
   * @default []
   *
   * Items: A sidecar container, as Kubernetes spells it, passed through as given
   */
  readonly sidecars: readonly ExtraContainer[];
  /**
   * ConfigMaps and Secrets whose every key becomes an environment variable of the action server
   * container: {configMapRef: {name}} or {secretRef: {name}}, with an optional prefix
   * @default []
   *
   * Items: A source of environment variables, as Kubernetes spells it: exactly one of configMapRef and
   * secretRef
   */
  readonly extraEnvFrom: readonly ExtraEnvFrom[];
}

/**
 * The Rasa SDK image the action server runs: rasa/rasa-sdk, or your own built FROM it with your
 * actions package at /app/actions
 */
export interface ActionServerImageSettings {
  /**
   * Registry of the action server image
   * @default "docker.io"
   */
  readonly registry: string;
  /**
   * Action server image: the Rasa SDK image, or your own built FROM it with your actions
   * @default "rasa/rasa-sdk"
   */
  readonly repository: string;
  /**
   * Action server image tag; Rasa SDK 3.6.x goes with Rasa 3.6
   * @default "3.6.2"
   */
  readonly tag: string;
  /**
   * Image digest (sha256:...); when set it wins over the tag
   * @default ""
   */
  readonly digest: string;
  /**
   * Image pull policy
   * @default "IfNotPresent"
   */
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

/**
 * Requests and limits of the action server container
 */
export interface ActionServerResourceSettings {
  /**
   * What the action server container requests; an empty quantity requests nothing
   */
  readonly requests: {
    /**
     * CPU request
     * @default "100m"
     */
    readonly cpu: Quantity;
    /**
     * Memory request
     * @default "128Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage request (the action server writes little: /tmp and its logs count)
     * @default "64Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
  /**
   * What the action server container is limited to; an empty quantity sets no limit
   */
  readonly limits: {
    /**
     * CPU limit; empty for none
     * @default ""
     */
    readonly cpu: Quantity;
    /**
     * Memory limit
     * @default "512Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage limit, past which the pod is evicted
     * @default "512Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
}

/**
 * Security context of the action server pods; a null removes a key (on OpenShift: runAsUser,
 * runAsGroup and fsGroup)
 */
export interface ActionServerPodSecurityContextSettings {
  /**
   * Refuse to start the pod's containers as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the pod's containers (the Rasa SDK image's USER); null lets the platform choose (OpenShift)
   * @default 1001
   */
  readonly runAsUser: number;
  /**
   * GID of the pod's containers (group 0 owns /app in the Rasa SDK image); null lets the platform choose
   * @default 0
   */
  readonly runAsGroup: number;
  /**
   * Group that owns the pod's volumes; null lets the platform choose
   * @default 0
   */
  readonly fsGroup: number;
  /**
   * When the volumes are given to fsGroup (Always or OnRootMismatch)
   * @default "Always"
   */
  readonly fsGroupChangePolicy: 'Always' | 'OnRootMismatch';
  /**
   * Seccomp profile of the pod's containers
   */
  readonly seccompProfile?: {
    /**
     * Seccomp profile of the pod's containers (RuntimeDefault, as Pod Security restricted requires)
     * @default "RuntimeDefault"
     */
    readonly type: 'RuntimeDefault' | 'Unconfined';
  };
}

/**
 * Security context of the action server container; a null removes a key (on OpenShift: runAsUser and
 * runAsGroup)
 */
export interface ActionServerContainerSecurityContextSettings {
  /**
   * Refuse to start the action server container as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the action server container; null takes the pod's
   * @default 1001
   */
  readonly runAsUser: number;
  /**
   * GID of the action server container; null takes the pod's
   * @default 0
   */
  readonly runAsGroup: number;
  /**
   * Mount the root filesystem read-only (the action server writes only to an emptyDir at /tmp)
   * @default true
   */
  readonly readOnlyRootFilesystem: boolean;
  /**
   * Let a process gain more privileges than its parent
   * @default false
   */
  readonly allowPrivilegeEscalation: boolean;
  /**
   * Run the action server container privileged
   * @default false
   */
  readonly privileged: boolean;
  /**
   * Linux capabilities, as Kubernetes spells them: drop (ALL, as Pod Security restricted requires) and
   * add
   * @default {
   *   "drop": [
   *     "ALL"
   *   ]
   * }
   */
  readonly capabilities: {
    readonly [k: string]: readonly string[];
  };
}

/**
 * An Ingress that routes the socket.io path, the other channels' webhooks and, when asked, the HTTP
 * API to the Service
 */
export interface IngressSettings {
  /**
   * Create an Ingress for the socket.io path and the other channels' webhooks (/webhooks/)
   * @default false
   */
  readonly enabled: boolean;
  /**
   * IngressClass name
   * @default ""
   */
  readonly className: string;
  /**
   * Public host name the widgets connect to
   * @default ""
   */
  readonly host: string;
  /**
   * Secret with the TLS certificate for the host; empty for no TLS
   * @default ""
   */
  readonly tlsSecretName: string;
  /**
   * Ingress annotations (they win over those stickySessions adds)
   * @default {}
   */
  readonly annotations: {
    readonly [k: string]: string;
  };
  /**
   * Add ingress-nginx's cookie affinity annotations, so that a browser stays on one Rasa pod
   * (socket.io's polling needs it with several replicas); other controllers: see the README
   * @default false
   */
  readonly stickySessions: boolean;
  /**
   * Route Rasa's HTTP API (every path, /) through the Ingress; needs rasa.api.enabled, whose token then
   * guards it on the public host
   * @default false
   */
  readonly exposeApi: boolean;
  /**
   * More paths of the host, as Kubernetes spells them ({path, pathType, backend}), after the chart's own
   * @default []
   */
  readonly extraPaths: readonly IngressExtraPath[];
}

/**
 * A Kubernetes HTTPIngressPath: a path and the backend it goes to
 */
export interface IngressExtraPath {
  /**
   * URL path
   */
  readonly path: string;
  /**
   * How the path is matched
   */
  readonly pathType: 'Prefix' | 'Exact' | 'ImplementationSpecific';
  /**
   * Where it goes: a service (name and port.number or port.name) or a resource
   */
  readonly backend: {
    /**
     * A Service of the namespace
     */
    readonly service?: {
      /**
       * Service name
       */
      readonly name?: string;
      /**
       * Its port, by number or by name
       */
      readonly port?: {
        /**
         * Port number
         */
        readonly number?: number;
        /**
         * Port name
         */
        readonly name?: string;
      };
    };
    /**
     * An object of the namespace (e.g. a storage bucket of the controller)
     */
    readonly resource?: {
      /**
       * API group of its kind
       */
      readonly apiGroup?: string;
      /**
       * Its kind
       */
      readonly kind?: string;
      /**
       * Its name
       */
      readonly name?: string;
    };
  };
}

/**
 * NetworkPolicies of the bot's pods, as bitnami's charts name their settings; they only take effect
 * with a network plugin that enforces them
 */
export interface NetworkPolicySettings {
  /**
   * Render a NetworkPolicy for each kind of the bot's pods (Rasa, the action server, the Jobs)
   * @default true
   */
  readonly enabled: boolean;
  /**
   * Let any client reach Rasa's port; false: only pods labelled <fullname>-client: "true" in the
   * namespace, and those ingressNSMatchLabels and ingressNSPodMatchLabels select
   * @default true
   */
  readonly allowExternal: boolean;
  /**
   * Let the Rasa and action server pods connect anywhere; false: only to DNS, the action server, the
   * model's URLs and extraEgress
   * @default true
   */
  readonly allowExternalEgress: boolean;
  /**
   * With allowExternal false, labels of namespaces whose pods may reach Rasa (e.g. the ingress
   * controller's)
   * @default {}
   */
  readonly ingressNSMatchLabels: {
    readonly [k: string]: string;
  };
  /**
   * With ingressNSMatchLabels, labels of the pods in those namespaces that may reach Rasa; empty: all of
   * them
   * @default {}
   */
  readonly ingressNSPodMatchLabels: {
    readonly [k: string]: string;
  };
  /**
   * More ingress rules of the Rasa pods' policy, as Kubernetes spells them
   * @default []
   */
  readonly extraIngress: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * More egress rules of the Rasa and action server pods' policies, as Kubernetes spells them (tracker,
   * lock and event broker stores), with allowExternalEgress false
   * @default []
   */
  readonly extraEgress: readonly {
    readonly [k: string]: unknown;
  }[];
  /**
   * Ports the Jobs may connect to, to reach the Kubernetes API server: its Service port and the port it
   * listens on (443, 6443 and 8443 cover the usual clusters)
   * @default [
   *   443,
   *   6443,
   *   8443
   * ]
   *
   * @minItems 1
   */
  readonly kubeAPIServerPorts: readonly number[];
}

/**
 * One web chat widget: its token and snippets land in the minter's ConfigMap
 */
export interface WidgetSettings {
  /**
   * Widget name: the prefix of its keys in the ConfigMap
   */
  readonly name: string;
  /**
   * Public origin the page connects to (https://bot.example.com); empty: https://ingress.host, else
   * http://localhost:service.port (kubectl port-forward)
   * @default ""
   */
  readonly url?: string;
  /**
   * Token payload (any claims; Rasa refuses an empty payload and any aud claim): sender_id is the
   * widgets' convention
   * @default {
   *   "sender_id": "rasa-chat-widget"
   * }
   */
  readonly claims?: {
    readonly [k: string]: unknown;
  };
  /**
   * Token lifetime (30d, 12h, 90m, 3600s; at most 10 years); empty for none, as the widgets expect
   * long-lived tokens
   * @default ""
   */
  readonly expiresIn?: string;
  /**
   * Message sent when the chat opens (e.g. /greet); empty for none
   * @default ""
   */
  readonly initialPayload?: string;
}

/**
 * The Job that signs the widget tokens in the cluster and writes them, with HTML snippets, into one
 * ConfigMap
 */
export interface MinterSettings {
  /**
   * Render the minter Job, its ServiceAccount, Role and RoleBinding
   * @default true
   */
  readonly enabled: boolean;
  /**
   * ConfigMap the tokens and snippets go to; empty for <fullname>-widgets
   * @default ""
   */
  readonly configMapName: string;
  /**
   * Cron schedule of the re-mint CronJob (e.g. "0 3 * * *" or @daily); empty: a quarter of the shortest
   * widget lifetime, and no CronJob when no widget expires
   * @default ""
   */
  readonly schedule: string;
  /**
   * When the minter signs with another key than the Rasa pods loaded, restart them (Rasa reads the key
   * only at start); its Role then gets get and patch on the Rasa Deployment
   * @default true
   */
  readonly restartOnKeyChange: boolean;
  /**
   * The Node image the minter and the key generator run on
   */
  readonly image: MinterImageSettings;
  /**
   * Retries of a failed minter pod
   * @default 3
   */
  readonly backoffLimit: number;
  /**
   * Seconds before a running minter Job is stopped
   * @default 300
   */
  readonly activeDeadlineSeconds: number;
  /**
   * Delete the finished Job after this many seconds; null keeps it (GitOps tools recreate deleted Jobs)
   * @default null
   */
  readonly ttlSecondsAfterFinished?: number | null;
  /**
   * Requests and limits of the minter and key generator containers
   */
  readonly resources: MinterResourceSettings;
  /**
   * Names of Secrets the image of every Job of the chart is pulled with; null: rasa.imagePullSecrets
   * @default null
   */
  readonly imagePullSecrets?: readonly string[] | null;
  /**
   * Node labels every Job of the chart must run on; null: rasa.nodeSelector, {} for none
   * @default null
   */
  readonly nodeSelector?: {
    readonly [k: string]: string;
  } | null;
  /**
   * Tolerations of every Job of the chart; null: rasa.tolerations
   * @default null
   */
  readonly tolerations?:
    | readonly {
        readonly [k: string]: unknown;
      }[]
    | null;
  /**
   * Affinity of every Job of the chart; null: rasa.affinity
   * @default null
   */
  readonly affinity?: {
    readonly [k: string]: unknown;
  } | null;
  /**
   * PriorityClass of every Job of the chart; null: rasa.priorityClassName, empty for the cluster's
   * default
   * @default null
   */
  readonly priorityClassName?: string | null;
  /**
   * Security context of the minter and key generator pods; a null removes a key (on OpenShift: runAsUser
   * and runAsGroup)
   */
  readonly podSecurityContext: MinterPodSecurityContextSettings;
  /**
   * Security context of the minter and key generator containers; a null removes a key (on OpenShift:
   * runAsUser and runAsGroup)
   */
  readonly containerSecurityContext: MinterContainerSecurityContextSettings;
  /**
   * Annotations of the Job. By default none: a plain object that Helm creates with the Deployment, so it
   * signs while Rasa starts (helm install --wait waits for it), named after a hash of its inputs, so an
   * upgrade or rollback that changes what it signs runs a new Job. To run it as a Helm hook instead, set
   * helm.sh/hook (e.g. post-install,post-upgrade,post-rollback) here and in minter.rbacAnnotations
   * (helm.sh/ annotations are Helm's alone: the constructs leave them out)
   * @default {}
   */
  readonly jobAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Annotations of the minter's ServiceAccount, Role, RoleBinding, script ConfigMap and NetworkPolicy.
   * By default none: plain objects, created before the Job. When the Job is a hook, make these hooks of
   * a lower weight (e.g. -5) in the same phases, so they exist before it (with the Job's events and
   * delete policy, they and the Job are one List document, which Helm runs as one hook)
   * @default {}
   */
  readonly rbacAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Deprecated: use keyGenerator.jobAnnotations, which it is applied over until 0.2.0 drops it (an entry
   * sets or, when null, removes one of keyGenerator.jobAnnotations; null removes them all)
   * @default {}
   * @deprecated
   */
  readonly keygenJobAnnotations: {
    readonly [k: string]: string | null;
  };
  /**
   * Deprecated: use keyGenerator.rbacAnnotations, which it is applied over until 0.2.0 drops it (an
   * entry sets or, when null, removes one of keyGenerator.rbacAnnotations; null removes them all)
   * @default {}
   * @deprecated
   */
  readonly keygenRbacAnnotations: {
    readonly [k: string]: string | null;
  };
}

/**
 * The Node image the minter and the key generator run on
 */
export interface MinterImageSettings {
  /**
   * Registry of the Node image the minter runs on
   * @default "docker.io"
   */
  readonly registry: string;
  /**
   * The official Node image
   * @default "library/node"
   */
  readonly repository: string;
  /**
   * Node 24 image tag (the Node version the tests run the minter on)
   * @default "24.21.0-alpine"
   */
  readonly tag: string;
  /**
   * Image digest (sha256:...); when set it wins over the tag
   * @default ""
   */
  readonly digest: string;
  /**
   * Image pull policy
   * @default "IfNotPresent"
   */
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

/**
 * Requests and limits of the minter and key generator containers
 */
export interface MinterResourceSettings {
  /**
   * What the container requests; an empty quantity requests nothing
   */
  readonly requests: {
    /**
     * CPU request
     * @default "50m"
     */
    readonly cpu: Quantity;
    /**
     * Memory request
     * @default "64Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage request (the scripts write no files: only their logs count)
     * @default "16Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
  /**
   * What the container is limited to; an empty quantity sets no limit
   */
  readonly limits: {
    /**
     * CPU limit; empty for none
     * @default ""
     */
    readonly cpu: Quantity;
    /**
     * Memory limit
     * @default "128Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage limit
     * @default "64Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
}

/**
 * Security context of the minter and key generator pods; a null removes a key (on OpenShift: runAsUser
 * and runAsGroup)
 */
export interface MinterPodSecurityContextSettings {
  /**
   * Refuse to start the pod's containers as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the pod's containers (the Node image's node user); null lets the platform choose (OpenShift)
   * @default 1000
   */
  readonly runAsUser: number;
  /**
   * GID of the pod's containers (the node user's group); null lets the platform choose
   * @default 1000
   */
  readonly runAsGroup: number;
  /**
   * When the volumes are given to an fsGroup (Always or OnRootMismatch)
   * @default "Always"
   */
  readonly fsGroupChangePolicy: 'Always' | 'OnRootMismatch';
  /**
   * Seccomp profile of the pod's containers
   */
  readonly seccompProfile?: {
    /**
     * Seccomp profile of the pod's containers (RuntimeDefault, as Pod Security restricted requires)
     * @default "RuntimeDefault"
     */
    readonly type: 'RuntimeDefault' | 'Unconfined';
  };
}

/**
 * Security context of the minter and key generator containers; a null removes a key (on OpenShift:
 * runAsUser and runAsGroup)
 */
export interface MinterContainerSecurityContextSettings {
  /**
   * Refuse to start the container as root
   * @default true
   */
  readonly runAsNonRoot: boolean;
  /**
   * UID of the container; null takes the pod's
   * @default 1000
   */
  readonly runAsUser: number;
  /**
   * GID of the container; null takes the pod's
   * @default 1000
   */
  readonly runAsGroup: number;
  /**
   * Mount the root filesystem read-only (the script writes no files)
   * @default true
   */
  readonly readOnlyRootFilesystem: boolean;
  /**
   * Let a process gain more privileges than its parent
   * @default false
   */
  readonly allowPrivilegeEscalation: boolean;
  /**
   * Run the container privileged
   * @default false
   */
  readonly privileged: boolean;
  /**
   * Linux capabilities, as Kubernetes spells them: drop (ALL, as Pod Security restricted requires) and
   * add
   * @default {
   *   "drop": [
   *     "ALL"
   *   ]
   * }
   */
  readonly capabilities: {
    readonly [k: string]: readonly string[];
  };
}

/**
 * The key generator: with socketio.jwtKey.generate, a Job that creates the JWT key Secret when it is
 * absent and never changes it; it runs on minter.image, with minter.resources and the minter's Job
 * limits
 */
export interface KeyGeneratorSettings {
  /**
   * Annotations of the key generator Job: by default a Helm hook before install, upgrade and rollback,
   * deleted once it succeeds (helm.sh/ annotations are Helm's alone: the constructs leave them out);
   * null turns the hook off ({} does not: Helm merges it into the default), an entry set to null removes
   * that one
   * @default {
   *   "helm.sh/hook": "pre-install,pre-upgrade,pre-rollback",
   *   "helm.sh/hook-weight": "-10",
   *   "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
   * }
   */
  readonly jobAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Annotations of the key generator's ServiceAccount, Role, RoleBinding, files ConfigMap and
   * NetworkPolicy: hooks that come before the Job (hooks of the same events and delete policy as the
   * Job, they and the Job are one List document, which Helm runs as one hook); null makes them plain
   * objects (set keyGenerator.jobAnnotations to null too), {} changes nothing
   * @default {
   *   "helm.sh/hook": "pre-install,pre-upgrade,pre-rollback",
   *   "helm.sh/hook-weight": "-15",
   *   "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
   * }
   */
  readonly rbacAnnotations: {
    readonly [k: string]: string;
  };
}

/**
 * A page with a widget and its current token, to chat with the bot right after install through kubectl
 * port-forward
 */
export interface DemoSettings {
  /**
   * Serve a page with a widget and its current token (Deployment and Service <fullname>-demo, on
   * minter.image); while it is on, Rasa also allows the page's origins http://localhost:<demo.port> and
   * http://127.0.0.1:<demo.port> (CORS)
   * @default false
   */
  readonly enabled: boolean;
  /**
   * Name of the widget the page shows (one of widgets[].name); empty: the first
   * @default ""
   */
  readonly widget: string;
  /**
   * Port of the page: the container listens on it and the Service serves it, so `kubectl port-forward
   * service/<fullname>-demo <port>` opens it at http://localhost:<port>
   * @default 8080
   */
  readonly port: number;
  /**
   * Requests and limits of the demo container
   */
  readonly resources: DemoResourceSettings;
}

/**
 * Requests and limits of the demo container
 */
export interface DemoResourceSettings {
  /**
   * What the demo container requests; an empty quantity requests nothing
   */
  readonly requests: {
    /**
     * CPU request
     * @default "10m"
     */
    readonly cpu: Quantity;
    /**
     * Memory request
     * @default "64Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage request (the page server writes no files: only its logs count)
     * @default "16Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
  /**
   * What the demo container is limited to; an empty quantity sets no limit
   */
  readonly limits: {
    /**
     * CPU limit; empty for none
     * @default "100m"
     */
    readonly cpu: Quantity;
    /**
     * Memory limit
     * @default "128Mi"
     */
    readonly memory: Quantity;
    /**
     * Ephemeral storage limit
     * @default "64Mi"
     */
    readonly 'ephemeral-storage': Quantity;
  };
}

/**
 * `helm test`: a pod that connects to the socketio channel with the first widget's token and with one
 * signed by another key (Helm only: synth renders no test pod)
 */
export interface TestSettings {
  /**
   * Render the helm test pod <fullname>-socketio-test (a helm.sh/hook: test, on minter.image): the first
   * widget's token from the minter's ConfigMap must connect, the same claims signed by another key must
   * be refused
   * @default true
   */
  readonly enabled: boolean;
}

/** An image: rasa.image, minter.image or actionServer.image. */
export type ImageSettings = RasaImageSettings | MinterImageSettings | ActionServerImageSettings;

/** Requests and limits of a container: rasa.resources, minter.resources or actionServer.resources. */
export type ResourceSettings = RasaResourceSettings | MinterResourceSettings | ActionServerResourceSettings;

/** When a probe of the Rasa container checks and gives up. */
export type ProbeSettings = StartupProbeSettings | LivenessProbeSettings | ReadinessProbeSettings;

/**
 * What a caller gives: any part of the settings; the rest comes from the chart's values.yaml.
 * DeepPartial<Settings> written out one level, so that the type keeps its name where it is used.
 */
export type SettingsInput = { readonly [K in keyof Settings]?: DeepPartial<Settings[K]> | null };

/** Every property optional and nullable at every depth (a null removes a default, as in Helm); lists stay whole. */
export type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
