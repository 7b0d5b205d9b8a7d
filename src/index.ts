// The public API, and all of it: package.json exports this file alone, and
// api/rasa-socketio-jwt.api.md records what it exports, so that a change shows in review (`npm run
// api` rewrites the record; test/api-report.test.ts fails while it is stale). Whatever is not named
// here is internal and may change in any release.

// The constructs: RasaBot builds a whole bot from the plan; the others are its parts, each taking
// only the props it needs, so that one can be used on its own.
export {
  DemoPage,
  FILLED_BY_ANNOTATION,
  JwtKeySecret,
  KeyGenerator,
  LOCAL_ONLY_ANNOTATION,
  RasaActionServer,
  RasaAutoscaler,
  RasaBot,
  RasaConfig,
  RasaDisruptionBudget,
  RasaIngress,
  RasaModelClaim,
  RasaNetworkPolicy,
  RasaServer,
  RasaService,
  ScriptJob,
  TokenMinter,
  TokenReminter,
} from './constructs/index.js';
export type {
  DemoPageProps,
  JwtKeySecretProps,
  KeyGeneratorProps,
  RasaActionServerProps,
  RasaAutoscalerProps,
  RasaBotProps,
  RasaConfigProps,
  RasaDisruptionBudgetProps,
  RasaIngressProps,
  RasaModelClaimProps,
  RasaNetworkPolicyProps,
  RasaServerProps,
  RasaServiceProps,
  ScriptJobCommonProps,
  ScriptJobProps,
  TokenMinterProps,
  TokenReminterProps,
} from './constructs/index.js';

// The settings: the chart's values (types generated from chart/values.schema.json, public as a
// whole since they are the values' shape), resolved and checked as the chart checks them.
export {
  defaultValues,
  HelmYamlError,
  parseHelmYaml,
  RasaSocketioJwtError,
  resolveSettings,
  SettingsError,
} from './settings/index.js';
export type { ResolvedWidget } from './settings/index.js';
export type * from './settings/types.js';

// The plan: everything derived from the settings, from which the constructs' props are taken.
export { planBot } from './plan/index.js';
export type {
  ActionServerPlan,
  AutoscalerPlan,
  BotGates,
  BotPlan,
  Component,
  ComponentMetadata,
  ComponentLabels,
  DemoInput,
  DemoPagePlan,
  DemoPlan,
  EnvVar,
  IngressPathPlan,
  IngressPlan,
  JobScheduling,
  KeygenInput,
  KubeObject,
  MinterJobPlan,
  ModelClaimPlan,
  NetworkPolicyPlan,
  NetworkPolicyRule,
  PlanTarget,
  PodMetadata,
  ProbePlan,
  Program,
  RasaConfigPlan,
  RasaServerPlan,
  RasaServicePlan,
  ReminterPlan,
  ResourceMetric,
  RoleRulePlan,
  ScriptJobPlan,
  ServerProbes,
  SessionAffinity,
} from './plan/index.js';

// The minter: tokens Rasa accepts, Rasa's own decision on a token, the widget snippets. Named
// module by module, not through src/minter/index.ts: the declarations an app's compiler reads
// then stop at what is public, and the in-cluster writer's (with its Node.js types) stay out.
export { MintError, type MintErrorCode } from './minter/errors.js';
export { keyFingerprint } from './minter/fingerprint.js';
export type { MinterInput } from './minter/input.js';
export { METHODS, signingKey, type Method } from './minter/key.js';
export { KEY_FINGERPRINT_ANNOTATION } from './minter/kube/key-rollout.js';
export { mintWidgets, type MintResult } from './minter/mint.js';
export { legacySnippet, webComponentSnippet, type SnippetInput } from './minter/snippets.js';
export { hmacKey, mintToken, type HmacKey, type SigningKey, type TokenRequest } from './minter/token.js';
export { rasaDecision, type RasaDecision } from './minter/verify.js';
