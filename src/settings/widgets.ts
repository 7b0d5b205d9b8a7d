import { DEFAULT_CLAIMS } from './claims.js';
import type { Settings, WidgetSettings } from './types.js';

/** A widget with every default filled in: what the minter signs and writes. */
export interface ResolvedWidget {
  readonly name: string;
  readonly url: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly expiresIn: string;
  readonly initialPayload: string;
}

/**
 * Where pages connect when a widget names no URL: the Ingress host when there is one, otherwise
 * the Service through `kubectl port-forward` on the developer's machine.
 */
export function defaultWidgetUrl(s: Settings): string {
  if (s.ingress.enabled) return `${s.ingress.tlsSecretName ? 'https' : 'http'}://${s.ingress.host}`;
  return `http://localhost:${s.service.port}`;
}

export function resolveWidget(s: Settings, w: WidgetSettings): ResolvedWidget {
  return {
    name: w.name,
    url: w.url || defaultWidgetUrl(s),
    claims: w.claims ?? DEFAULT_CLAIMS,
    expiresIn: w.expiresIn ?? '',
    initialPayload: w.initialPayload ?? '',
  };
}

export function resolveWidgets(s: Settings): ResolvedWidget[] {
  return s.widgets.map((w) => resolveWidget(s, w));
}
