import type { IngressExtraPath, Settings } from '../settings/index.js';

/** One path of the Ingress that goes to the Rasa Service. */
export interface IngressPathPlan {
  /** The URL path. */
  readonly path: string;
  /** How it is matched: as a prefix, path segment by path segment. */
  readonly pathType: 'Prefix';
  /** The port of the Rasa Service it goes to (service.port). */
  readonly port: number;
}

/** The Ingress: what it routes, in order, and its annotations; rendered when gates.ingress. */
export interface IngressPlan {
  /** The paths that go to Rasa (see ingressPaths). */
  readonly paths: readonly IngressPathPlan[];
  /** ingress.extraPaths, as given, after those. */
  readonly extraPaths: readonly IngressExtraPath[];
  /** Its own annotations (see ingressAnnotations). */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * The cookie affinity annotations of ingress-nginx (ingress.stickySessions): socket.io's polling
 * transport sends each request anew, and Rasa keeps a session in the pod that opened it. The
 * persistent mode keeps a browser on its pod when pods are added, where balanced would move some.
 */
export const STICKY_SESSION_ANNOTATIONS: Readonly<Record<string, string>> = {
  'nginx.ingress.kubernetes.io/affinity': 'cookie',
  'nginx.ingress.kubernetes.io/affinity-mode': 'persistent',
  'nginx.ingress.kubernetes.io/session-cookie-name': 'rasa-socketio',
};

/** The path under which Rasa serves every input channel but socket.io: /webhooks/<channel>/... */
const WEBHOOKS_PATH = '/webhooks/';

/**
 * The paths the Ingress routes to Rasa, in order: the socket.io path; /webhooks/ when channels
 * has any channel (Rasa serves each input channel under /webhooks/<name>/, REST at
 * /webhooks/rest/webhook and callback at /webhooks/callback/webhook, custom ones alike, so the
 * prefix serves them all and nothing else); / when ingress.exposeApi (the HTTP API has paths all
 * over the root: /model, /conversations, /status...). A path already routed is not routed twice
 * (a socket.io path of / with the API), which a controller would refuse.
 * Twin: the chart's "rasa.ingressPaths" helper.
 */
export function ingressPaths(s: Settings): IngressPathPlan[] {
  const wanted = [
    s.socketio.socketioPath,
    ...(Object.keys(s.channels ?? {}).length > 0 ? [WEBHOOKS_PATH] : []),
    ...(s.ingress.exposeApi ? ['/'] : []),
  ];
  return [...new Set(wanted)].map((path) => ({ path, pathType: 'Prefix', port: s.service.port }));
}

/**
 * The Ingress's own annotations: ingress-nginx's cookie affinity when ingress.stickySessions,
 * under ingress.annotations, which win.
 * Twin: the chart's "rasa.ingressAnnotations" helper.
 */
export function ingressAnnotations(s: Settings): Record<string, string> {
  return { ...(s.ingress.stickySessions ? STICKY_SESSION_ANNOTATIONS : {}), ...s.ingress.annotations };
}

/** The Ingress of the bot (see ingressPaths and ingressAnnotations). */
export function ingressPlan(s: Settings): IngressPlan {
  return { paths: ingressPaths(s), extraPaths: s.ingress.extraPaths ?? [], annotations: ingressAnnotations(s) };
}
