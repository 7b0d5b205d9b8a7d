import { CHART_NAME, type Settings } from '../settings/index.js';

/**
 * `app.kubernetes.io/name`: the chart name unless overridden.
 * Twin: the chart's "rasa.name" helper.
 */
export function appName(settings: Settings): string {
  return truncate(settings.nameOverride || CHART_NAME, 63);
}

/**
 * The prefix of every object name, computed exactly like the chart's so that `helm template NAME`
 * and `synth --release NAME` name every object alike. Cut to 63 characters because Service names
 * and label values may not be longer.
 * Twin: the chart's "rasa.fullname" helper.
 */
export function fullname(settings: Settings, releaseName: string): string {
  if (settings.fullnameOverride) return truncate(settings.fullnameOverride, 63);
  const name = settings.nameOverride || CHART_NAME;
  if (releaseName.includes(name)) return truncate(releaseName, 63);
  return truncate(`${releaseName}-${name}`, 63);
}

/**
 * The Rasa pods' ServiceAccount: the given name, else the fullname when the chart creates it, else
 * the namespace's default.
 * Twin: the chart's "rasa.serviceAccountName" helper.
 */
export function serviceAccountName(settings: Settings, fullnameOfRelease: string): string {
  const sa = settings.rasa.serviceAccount;
  return sa.name || (sa.create ? fullnameOfRelease : 'default');
}

/**
 * The ConfigMap with credentials.yml and endpoints.yml.
 * Twin: the chart's "rasa.configName" helper.
 */
export function configName(fullnameOfRelease: string): string {
  return `${fullnameOfRelease}-config`;
}

/**
 * The claim mounted as the models volume (rasa.model.persistence): the existing one, or the one
 * the chart creates.
 * Twin: the chart's "rasa.modelClaimName" helper.
 */
export function modelClaimName(settings: Settings, fullnameOfRelease: string): string {
  return settings.rasa.model.persistence.existingClaim || `${fullnameOfRelease}-models`;
}

/**
 * The ConfigMap the minter writes the tokens and snippets to.
 * Twin: the chart's "rasa.widgetsConfigMap" helper.
 */
export function widgetsConfigMapName(settings: Settings, fullnameOfRelease: string): string {
  return settings.minter.configMapName || `${fullnameOfRelease}-widgets`;
}

/**
 * The minter's ServiceAccount, Role, RoleBinding and files ConfigMap.
 * Twin: the chart's "rasa.minterName" helper.
 */
export function minterName(fullnameOfRelease: string): string {
  return `${fullnameOfRelease}-minter`;
}

/**
 * The re-mint CronJob. Kubernetes refuses CronJob names over 52 characters (it appends 11 to name
 * each Job), so the fullname is cut to 45; no hash, since a CronJob is updated in place.
 * Twin: the chart's "rasa.remintName" helper.
 */
export function remintName(fullnameOfRelease: string): string {
  return `${truncate(fullnameOfRelease, 45)}-remint`;
}

/**
 * The key generator's ServiceAccount, Role, RoleBinding and files ConfigMap.
 * Twin: the chart's "rasa.keygenName" helper.
 */
export function keygenName(fullnameOfRelease: string): string {
  return `${fullnameOfRelease}-keygen`;
}

/**
 * The action server's Deployment and Service. A Service name is a DNS label of at most 63
 * characters, so the fullname is cut to 55 to leave room for "-actions".
 * Twin: the chart's "rasa.actionServerName" helper.
 */
export function actionServerName(fullnameOfRelease: string): string {
  return `${truncate(fullnameOfRelease, 55)}-actions`;
}

/**
 * The demo page's Deployment, Service and files ConfigMap. A Service name is a DNS label of at most
 * 63 characters, so the fullname is cut to 58 to leave room for "-demo".
 * Twin: the chart's "rasa.demoName" helper.
 */
export function demoName(fullnameOfRelease: string): string {
  return `${truncate(fullnameOfRelease, 58)}-demo`;
}

/** Helm's `trunc N | trimSuffix "-"`. */
function truncate(name: string, max: number): string {
  const cut = name.slice(0, max);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}
