// The public API, and all of it: package.json exports this file alone, and
// api/rasa-socketio-jwt.api.md records what it exports, so that a change shows in review (`npm run
// api` rewrites the record; test/api-report.test.ts fails while it is stale). Whatever is not named
// here is internal and may change in any release.

// The constructs: RasaBot builds a whole bot from the plan; the others are its parts, each taking
// only the props it needs, so that one can be used on its own.
export {
  FILLED_BY_ANNOTATION,
  JwtKeySecret,
  KeyGenerator,
  LOCAL_ONLY_ANNOTATION,
  RasaAutoscaler,
  RasaBot,
  RasaConfig,
  RasaDisruptionBudget,
  RasaIngress,
  RasaServer,
  RasaService,
  ScriptJob,
  TokenMinter,
} from './constructs/index.js';
export type {
  JwtKeySecretProps,
  KeyGeneratorProps,
  RasaAutoscalerProps,
  RasaBotProps,
  RasaConfigProps,
  RasaDisruptionBudgetProps,
  RasaIngressProps,
  RasaServerProps,
  RasaServiceProps,
  ScriptJobCommonProps,
  ScriptJobProps,
  TokenMinterProps,
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
  AutoscalerPlan,
  BotGates,
  BotPlan,
  Component,
  ComponentMetadata,
  ComponentLabels,
  EnvVar,
  IngressPathPlan,
  IngressPlan,
  KeygenInput,
  MinterJobPlan,
  PlanTarget,
  PodMetadata,
  Program,
  RasaConfigPlan,
  RasaServerPlan,
  RasaServicePlan,
  ResourceMetric,
  ScriptJobPlan,
  SessionAffinity,
} from './plan/index.js';

// The minter: tokens Rasa accepts, Rasa's own decision on a token, the widget snippets.
export {
  hmacKey,
  keyFingerprint,
  legacySnippet,
  METHODS,
  MintError,
  mintToken,
  mintWidgets,
  rasaDecision,
  signingKey,
  webComponentSnippet,
} from './minter/index.js';
export type {
  Method,
  MintErrorCode,
  MinterInput,
  MintResult,
  RasaDecision,
  SigningKey,
  SnippetInput,
  TokenRequest,
} from './minter/index.js';
