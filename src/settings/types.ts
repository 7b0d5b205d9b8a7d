// Generated from chart/values.schema.json by scripts/generate-types.mjs: do not edit.
// Change the schema (descriptions and defaults are the TSDoc here), then run `npm run generate:types`.

export type JwtMethod = 'HS256' | 'HS384' | 'HS512';

export type Quantity = string | number;

export interface ExtraContainer {
  /**
   * Container name, unique in the pod (not rasa)
   */
  readonly name: string;
  /**
   * Container image
   */
  readonly image: string;
  readonly [k: string]: unknown;
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
  readonly rasa: RasaSettings;
  readonly service: ServiceSettings;
  readonly ingress: IngressSettings;
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
  readonly minter: MinterSettings;
  readonly keyGenerator: KeyGeneratorSettings;
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
  readonly image: RasaImageSettings;
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
  readonly model: ModelSettings;
  /**
   * Other endpoints.yml entries (tracker_store, lock_store, action_endpoint...); no secrets here,
   * reference ${ENV} fed by rasa.extraEnv
   * @default {}
   */
  readonly endpoints: {
    readonly [k: string]: {
      readonly [k: string]: unknown;
    } | null;
  };
  readonly api: ApiSettings;
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
   */
  readonly extraEnv: readonly ExtraEnv[];
  readonly resources: RasaResourceSettings;
  readonly startupProbe: StartupProbeSettings;
  readonly livenessProbe: LivenessProbeSettings;
  readonly readinessProbe: ReadinessProbeSettings;
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
  readonly podSecurityContext: RasaPodSecurityContextSettings;
  readonly containerSecurityContext: RasaContainerSecurityContextSettings;
  /**
   * Volumes of the Rasa pods after the chart's own (config, tmp, home-config, home-cache), as Kubernetes
   * spells them; mount them with rasa.extraVolumeMounts
   * @default []
   */
  readonly extraVolumes: readonly ExtraVolume[];
  /**
   * Mounts of rasa.extraVolumes in the Rasa container, after the chart's own (/etc/rasa, /tmp,
   * /app/.config, /app/.cache), as Kubernetes spells them
   * @default []
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
   * Model file or folder inside the container, passed as --model
   * @default "models"
   */
  readonly path: string;
  /**
   * Model server URL (endpoints.yml models.url); empty to load rasa.model.path
   * @default ""
   */
  readonly serverUrl: string;
  /**
   * Seconds between model server polls
   * @default 100
   */
  readonly waitTimeBetweenPulls: number;
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
 * A volume, as Kubernetes spells it: a name and one source (configMap, secret, emptyDir,
 * persistentVolumeClaim...), passed through as given
 */
export interface ExtraVolume {
  /**
   * Volume name, unique in the pod
   */
  readonly name: string;
  readonly [k: string]: unknown;
}

/**
 * A volume mount, as Kubernetes spells it (name, mountPath, readOnly, subPath...), passed through as
 * given
 */
export interface ExtraVolumeMount {
  /**
   * A volume of rasa.extraVolumes
   */
  readonly name: string;
  /**
   * Where in the container, unique among its mounts
   */
  readonly mountPath: string;
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
  readonly resources: MinterResourceSettings;
  readonly podSecurityContext: MinterPodSecurityContextSettings;
  readonly containerSecurityContext: MinterContainerSecurityContextSettings;
  /**
   * Annotations of the Job: by default a Helm hook after install, upgrade and rollback (so the ConfigMap
   * always lists the running release's widgets), deleted once it succeeds (helm.sh/ annotations are
   * Helm's alone: the constructs leave them out)
   * @default {
   *   "helm.sh/hook": "post-install,post-upgrade,post-rollback",
   *   "helm.sh/hook-weight": "0",
   *   "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
   * }
   */
  readonly jobAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * Annotations of the minter's ServiceAccount, Role, RoleBinding and script ConfigMap: hooks that come
   * before the Job
   * @default {
   *   "helm.sh/hook": "post-install,post-upgrade,post-rollback",
   *   "helm.sh/hook-weight": "-5",
   *   "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
   * }
   */
  readonly rbacAnnotations: {
    readonly [k: string]: string;
  };
  /**
   * @deprecated
   * Deprecated: use keyGenerator.jobAnnotations, which it is applied over until it goes in a future
   * version (an entry sets or, when null, removes one of keyGenerator.jobAnnotations; null removes them
   * all)
   * @default {}
   */
  readonly keygenJobAnnotations: {
    readonly [k: string]: string | null;
  };
  /**
   * @deprecated
   * Deprecated: use keyGenerator.rbacAnnotations, which it is applied over until it goes in a future
   * version (an entry sets or, when null, removes one of keyGenerator.rbacAnnotations; null removes them
   * all)
   * @default {}
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
   * deleted once it succeeds (helm.sh/ annotations are Helm's alone: the constructs leave them out)
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
   * Annotations of the key generator's ServiceAccount, Role, RoleBinding and files ConfigMap: hooks that
   * come before the Job
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

/** An image: rasa.image or minter.image. */
export type ImageSettings = RasaImageSettings | MinterImageSettings;

/** Requests and limits of a container: rasa.resources or minter.resources. */
export type ResourceSettings = RasaResourceSettings | MinterResourceSettings;

/** When a probe of the Rasa container checks and gives up. */
export type ProbeSettings = StartupProbeSettings | LivenessProbeSettings | ReadinessProbeSettings;

/** What a caller gives: any part of the settings; the rest comes from the chart's values.yaml. */
export type SettingsInput = DeepPartial<Settings>;

/** Every property optional and nullable at every depth (a null removes a default, as in Helm); lists stay whole. */
export type DeepPartial<T> = T extends readonly (infer _)[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
