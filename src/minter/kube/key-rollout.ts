import type { KubeConnection } from './connection.js';
import { parseWidgetsIndex } from '../output.js';
import { kubeJson, type JsonRequestOptions } from './json-request.js';

/**
 * The Rasa pod template's annotation that records the fingerprint of the key its pods were last
 * restarted for. Never the key: the fingerprint cannot be searched back to it (keyFingerprint).
 */
export const KEY_FINGERPRINT_ANNOTATION = 'rasa-socketio-jwt/key-fingerprint';

/**
 * The field manager that owns that one annotation (server-side apply): `kubectl apply`, Helm, Argo
 * CD and Flux, which never set it, leave it alone on every later sync, so the pods do not restart
 * again and the record stays.
 */
export const KEY_ROLLOUT_FIELD_MANAGER = 'rasa-socketio-jwt-key-rollout';

export interface KeyRolloutTarget {
  readonly namespace: string;
  /** The Rasa Deployment. */
  readonly deployment: string;
  /** The widgets ConfigMap, whose index.json names the key of the tokens it holds. */
  readonly configMap: string;
  /** The fingerprint of the key the minter signs with now. */
  readonly fingerprint: string;
}

/** What restartOnNewKey found and did. */
export type KeyRollout =
  | { readonly restarted: true; readonly previous: string }
  | { readonly restarted: false; readonly reason: 'no deployment' | 'same key' | 'first key' };

interface DeploymentView {
  spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
}

/**
 * Rasa reads the key only when it starts: when the minter signs with another key than the Rasa pods
 * loaded, their tokens would be refused, so this restarts them by setting the annotation on the
 * Deployment's pod template (a rolling update, as `kubectl rollout restart` does), with server-side
 * apply under a field manager of its own. The key the pods run with is the annotation's, or before
 * any restart the key of the tokens in the ConfigMap (its previous minter run): the Secret has
 * changed since. With neither (the first run), the pods started with the Secret's key already.
 * A missing Deployment has no pods to restart.
 */
export async function restartOnNewKey(conn: KubeConnection, target: KeyRolloutTarget, opts: JsonRequestOptions = {}): Promise<KeyRollout> {
  const { namespace, deployment, fingerprint } = target;
  const path = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(deployment)}`;
  const what = `Deployment ${namespace}/${deployment}`;
  const permission = `get and patch on deployments (apps) with resourceNames ["${deployment}"] in namespace ${namespace} ` +
    '(minter.restartOnKeyChange gives its Role that rule)';
  const live = await kubeJson<DeploymentView>(conn, { method: 'GET', path, what, permission }, opts);
  if (live === undefined) return { restarted: false, reason: 'no deployment' };
  const recorded = live.spec?.template?.metadata?.annotations?.[KEY_FINGERPRINT_ANNOTATION];
  const previous = recorded ?? await tokensKeyFingerprint(conn, target, opts);
  if (previous === undefined) return { restarted: false, reason: 'first key' };
  if (previous === fingerprint) return { restarted: false, reason: 'same key' };
  await kubeJson(conn, {
    method: 'PATCH',
    path: `${path}?fieldManager=${KEY_ROLLOUT_FIELD_MANAGER}&force=true`,
    contentType: 'application/apply-patch+yaml',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: deployment, namespace },
      spec: { template: { metadata: { annotations: { [KEY_FINGERPRINT_ANNOTATION]: fingerprint } } } },
    },
    what,
    permission,
  }, opts);
  return { restarted: true, previous };
}

/** The fingerprint in the widgets ConfigMap's index.json; undefined when there is none yet. */
async function tokensKeyFingerprint(conn: KubeConnection, target: KeyRolloutTarget, opts: JsonRequestOptions): Promise<string | undefined> {
  const { namespace, configMap } = target;
  const found = await kubeJson<{ data?: Record<string, string> }>(conn, {
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(configMap)}`,
    what: `ConfigMap ${namespace}/${configMap}`,
    permission: `get on configmaps with resourceNames ["${configMap}"] in namespace ${namespace}`,
  }, opts);
  return parseWidgetsIndex(found?.data?.['index.json'])?.keyFingerprint;
}
