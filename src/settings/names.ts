import type { Settings } from './types.js';

/** The chart's name (chart/Chart.yaml); the default object name prefix and app.kubernetes.io/name. */
export const CHART_NAME = 'rasa';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** `app.kubernetes.io/name`: the chart name unless overridden (Helm's "name" helper). */
export function appName(settings: Settings): string {
  return truncate(settings.nameOverride || CHART_NAME, 63);
}

/**
 * The prefix of every object name, computed exactly like the chart's "fullname" helper so that
 * `helm template NAME` and `synth --release NAME` name every object alike. Cut to 63 characters
 * because Service names and label values may not be longer.
 */
export function fullname(settings: Settings, releaseName: string): string {
  if (settings.fullnameOverride) return truncate(settings.fullnameOverride, 63);
  const name = settings.nameOverride || CHART_NAME;
  if (releaseName.includes(name)) return truncate(releaseName, 63);
  return truncate(`${releaseName}-${name}`, 63);
}

/**
 * The Rasa pods' ServiceAccount (the chart's "serviceAccountName" helper): the given name, else the
 * fullname when the chart creates it, else the namespace's default.
 */
export function serviceAccountName(settings: Settings, fullnameOfRelease: string): string {
  const sa = settings.rasa.serviceAccount;
  return sa.name || (sa.create ? fullnameOfRelease : 'default');
}

/** Helm's `trunc N | trimSuffix "-"`. */
function truncate(name: string, max: number): string {
  const cut = name.slice(0, max);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}
