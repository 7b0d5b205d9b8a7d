// Settings files by path, not settings/index.js: settings/configmap-size.ts imports this module.
import { DEFAULT_CLAIMS } from '../settings/claims.js';
import type { Settings, WidgetSettings } from '../settings/types.js';
import type { ResolvedWidget } from '../settings/widgets.js';

/**
 * Where pages connect when a widget names no URL: the Ingress host when there is one, otherwise
 * the Service through `kubectl port-forward` on the developer's machine.
 * Twin: the chart's "rasa.defaultWidgetUrl" helper.
 */
export function defaultWidgetUrl(s: Settings): string {
  if (s.ingress.enabled) return `${s.ingress.tlsSecretName ? 'https' : 'http'}://${s.ingress.host}`;
  return `http://localhost:${s.service.port}`;
}

/** One widget with its defaults filled in (one item of resolveWidgets). */
export function resolveWidget(s: Settings, w: WidgetSettings): ResolvedWidget {
  return {
    name: w.name,
    url: w.url || defaultWidgetUrl(s),
    claims: w.claims ?? DEFAULT_CLAIMS,
    expiresIn: w.expiresIn ?? '',
    initialPayload: w.initialPayload ?? '',
  };
}

/**
 * The widgets with their defaults filled in: what the minter signs, and what the ConfigMap size
 * rule measures.
 * Twin: the chart's "rasa.widgets" helper.
 */
export function resolveWidgets(s: Settings): ResolvedWidget[] {
  return s.widgets.map((w) => resolveWidget(s, w));
}
