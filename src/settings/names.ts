/**
 * The default object name prefix and app.kubernetes.io/name: "rasa", the chart's first name, kept
 * when the chart became rasa-socketio-jwt so that no object is renamed.
 */
export const CHART_NAME = 'rasa';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The message of every rule on a DNS-1123 subdomain name (a Secret, ServiceAccount, host...). */
export const NOT_A_DNS_NAME =
  "'%s' (%s) is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";

export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}
