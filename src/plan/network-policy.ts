import type { Settings } from '../settings/index.js';
import { keyGeneratorAnnotations } from './key-generator.js';
import { selectorLabels, type Component } from './labels.js';
import { actionServerName, demoName, keygenName, minterName } from './names.js';
import { minterRbacAnnotations } from './script-jobs.js';

/** A rule of a NetworkPolicy (from or to, and ports), as Kubernetes spells it. */
export type NetworkPolicyRule = Readonly<Record<string, unknown>>;

/** The NetworkPolicy of one kind of the bot's pods. */
export interface NetworkPolicyPlan {
  /** Its name: the fullname for the Rasa pods', with -actions, -demo, -minter or -keygen for the others'. */
  readonly name: string;
  /** Whose pods it selects (by that component's selector labels), and whose labels it carries. */
  readonly component: Component;
  /** The selector labels of that component's pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /**
   * Its own annotations: a Job's policy has those of the Job's ServiceAccount and Role, Helm hooks
   * by default, so that it is there before the Job runs (a first install's key generator too) and
   * goes with it.
   */
  readonly annotations: Readonly<Record<string, string>>;
  /** The connections its pods may take; undefined: none. */
  readonly ingress?: readonly NetworkPolicyRule[];
  /** The connections its pods may open; [{}]: any. */
  readonly egress: readonly NetworkPolicyRule[];
}

const tcp = (port: number) => ({ port, protocol: 'TCP' });
/** Name resolution, wherever the cluster's DNS runs (kube-dns, NodeLocal DNSCache). */
const DNS: NetworkPolicyRule = { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] };
/** A rule that lets anything through. */
const ANY: NetworkPolicyRule = {};

/**
 * The NetworkPolicies of the bot, with bitnami's meaning of the networkPolicy settings:
 * - the Rasa pods take connections on rasa.port: from anyone (allowExternal), or from pods
 *   labelled `<fullname>-client: "true"` and those of the namespaces (and pods) that
 *   ingressNSMatchLabels (and ingressNSPodMatchLabels) select; then extraIngress. They connect
 *   anywhere (allowExternalEgress), or to DNS, the action server, the ports of the model's URLs and
 *   extraEgress;
 * - the action server takes connections from the Rasa pods only, and connects as the Rasa pods do,
 *   less the action server and the model;
 * - the demo page takes connections on demo.port from those who may reach Rasa, and opens none: it
 *   reads its files from a mounted ConfigMap, and the browser, not the pod, talks to Rasa;
 * - the Jobs (minter, its re-mint runs, key generator) take none and connect to DNS and the API
 *   server's ports only: after kube-proxy's translation the API server is an address of a node or
 *   of the control plane, which no pod selector names. Their policies are annotated as their
 *   ServiceAccounts and Roles are.
 * Twin: the chart's "rasa.networkPolicies" helper.
 */
export function networkPolicies(s: Settings, release: string, fullnameOfRelease: string): NetworkPolicyPlan[] {
  const np = s.networkPolicy;
  if (!np.enabled) return [];
  const policy = (name: string, component: Component, rules: Pick<NetworkPolicyPlan, 'ingress' | 'egress'>,
    annotations: Readonly<Record<string, string>> = {}): NetworkPolicyPlan =>
    ({ name, component, podSelector: selectorLabels(s, release, component), annotations, ...rules });
  const openEgress = (own: readonly NetworkPolicyRule[]) => (np.allowExternalEgress ? [ANY] : [DNS, ...own, ...np.extraEgress]);
  const policies: NetworkPolicyPlan[] = [];

  const actionServer = s.actionServer.enabled ? [{
    to: [{ podSelector: { matchLabels: selectorLabels(s, release, 'action-server') } }],
    ports: [tcp(s.actionServer.port)],
  }] : [];
  const modelPorts = modelSourcePorts(s);
  policies.push(policy(fullnameOfRelease, 'server', {
    ingress: [{ ports: [tcp(s.rasa.port)], ...rasaClients(s, fullnameOfRelease) }, ...np.extraIngress],
    egress: openEgress([...actionServer, ...(modelPorts.length > 0 ? [{ ports: modelPorts.map(tcp) }] : [])]),
  }));
  if (s.actionServer.enabled) {
    policies.push(policy(actionServerName(fullnameOfRelease), 'action-server', {
      ingress: [{ from: [{ podSelector: { matchLabels: selectorLabels(s, release, 'server') } }], ports: [tcp(s.actionServer.port)] }],
      egress: openEgress([]),
    }));
  }
  if (s.demo.enabled) {
    policies.push(policy(demoName(fullnameOfRelease), 'demo', {
      ingress: [{ ports: [tcp(s.demo.port)], ...rasaClients(s, fullnameOfRelease) }],
      egress: [],
    }));
  }
  const toApiServer = [DNS, { ports: np.kubeAPIServerPorts.map(tcp) }];
  if (s.socketio.jwtKey.generate) {
    policies.push(policy(keygenName(fullnameOfRelease), 'keygen', { egress: toApiServer }, keyGeneratorAnnotations(s).rbacAnnotations));
  }
  if (s.minter.enabled) policies.push(policy(minterName(fullnameOfRelease), 'minter', { egress: toApiServer }, minterRbacAnnotations(s)));
  return policies;
}

/** bitnami's label of the pods that may reach a workload when allowExternal is off: `<fullname>-client`, the fullname cut to fit a label's 63 characters. */
export function clientLabel(fullnameOfRelease: string): string {
  const cut = fullnameOfRelease.slice(0, 56);
  return `${cut.endsWith('-') ? cut.slice(0, -1) : cut}-client`;
}

/** `from` of the rule on Rasa's port: none (anyone) with allowExternal. */
function rasaClients(s: Settings, fullnameOfRelease: string): { from?: readonly NetworkPolicyRule[] } {
  const np = s.networkPolicy;
  if (np.allowExternal) return {};
  const namespaces = Object.keys(np.ingressNSMatchLabels).length === 0 ? [] : [{
    namespaceSelector: { matchLabels: np.ingressNSMatchLabels },
    ...(Object.keys(np.ingressNSPodMatchLabels).length > 0 ? { podSelector: { matchLabels: np.ingressNSPodMatchLabels } } : {}),
  }];
  return { from: [{ podSelector: { matchLabels: { [clientLabel(fullnameOfRelease)]: 'true' } } }, ...namespaces] };
}

/**
 * The ports of the model server's and the model download's URLs (rasa.model.serverUrl,
 * rasa.model.download.url), each once: the URL's own port, else 80 for http and 443 for https.
 * A URL names a host no pod selector can, so any destination on those ports is let through.
 * Twin: the ports in the chart's "rasa.networkPolicies" helper.
 */
export function modelSourcePorts(s: Settings): number[] {
  const ports: number[] = [];
  for (const url of [s.rasa.model.serverUrl, s.rasa.model.download.url]) {
    const port = urlPort(url);
    if (port !== undefined && !ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** An http(s) URL's port; undefined for another URL or a port out of range. */
export function urlPort(url: string): number | undefined {
  const match = /^(https?):\/\/([^/?#]*)/.exec(url);
  if (!match) return undefined;
  // The userinfo goes up to the last '@'; a port of any length, so that one out of range is none.
  const explicit = /:([0-9]+)$/.exec(match[2]!.replace(/^[\s\S]*@/, ''));
  const port = explicit ? Number(explicit[1]) : match[1] === 'https' ? 443 : 80;
  return port >= 1 && port <= 65535 ? port : undefined;
}
