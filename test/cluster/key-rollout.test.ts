// The minter's restart of the Rasa pods on a new key, on a real API server, as the minter's
// ServiceAccount with the rendered Role: it restarts them only when the key changed, records the key's
// fingerprint in one pod-template annotation under a field manager of its own, and that annotation
// survives a re-sync of the manifests by client-side and server-side `kubectl apply`.
import { keyFingerprint, KEY_FINGERPRINT_ANNOTATION, KEY_ROLLOUT_FIELD_MANAGER } from '../../src/minter/index.js';
import { installMinter, KEY, runMinter } from './minter-run.js';
import { createNamespace, describeCluster, kubectl, kubectlResult } from './support.js';

const NEW_KEY = 'a-new-key-after-rotation-0123456789abcdef';
const fingerprint = (key: string) => keyFingerprint(new TextEncoder().encode(key));

/** The Rasa Deployment as the manifests have it (no pods: its template is what matters here). */
const DEPLOYMENT = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'rasa', labels: { app: 'rasa' } },
  spec: {
    replicas: 0,
    selector: { matchLabels: { app: 'rasa' } },
    template: {
      metadata: { labels: { app: 'rasa' }, annotations: { 'checksum/config': 'abc' } },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'rasa', image: 'busybox',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        }],
      },
    },
  },
});

interface DeploymentState {
  generation: number;
  annotations: Record<string, string>;
  managers: Array<{ manager: string; fields: string }>;
}

function deployment(namespace: string): DeploymentState {
  const d = JSON.parse(kubectl(['get', 'deployment', 'rasa', '-n', namespace, '-o', 'json', '--show-managed-fields']));
  return {
    generation: d.metadata.generation,
    annotations: d.spec.template.metadata.annotations ?? {},
    managers: (d.metadata.managedFields ?? []).map((m: { manager: string; fieldsV1: unknown }) => ({ manager: m.manager, fields: JSON.stringify(m.fieldsV1) })),
  };
}

/** The Deployment's ReplicaSets, one per pod template it has had: a new one is a restart of the pods. */
function replicaSets(namespace: string): string[] {
  return kubectl(['get', 'replicasets', '-n', namespace, '-l', 'app=rasa', '-o', 'name']).split('\n').filter(Boolean).sort();
}

async function replicaSetsAfter(namespace: string, ms: number, until: (names: string[]) => boolean = () => false): Promise<string[]> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until(replicaSets(namespace))) await new Promise((resolve) => setTimeout(resolve, 250));
  return replicaSets(namespace);
}

describeCluster('the minter restarts the Rasa pods on a new key, once, and a re-sync keeps the record', () => {
  let namespace: string;
  let input: Record<string, any>;

  beforeAll(async () => {
    namespace = await createNamespace('key-rollout');
    ({ input } = await installMinter(namespace));
    kubectl(['apply', '-n', namespace, '-f', '-'], DEPLOYMENT);
  });

  afterAll(() => {
    kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
  });

  test('names the Deployment it may restart in its input', () => {
    expect(input.restartDeployment).toBe('rasa');
  });

  test('the first run and a run with the same key restart nothing: the pods started with that key', async () => {
    const before = deployment(namespace);
    for (let run = 0; run < 2; run++) {
      const result = await runMinter(namespace, input);
      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain('restarting');
    }
    expect(deployment(namespace)).toEqual(before);
    expect(before.annotations).not.toHaveProperty([KEY_FINGERPRINT_ANNOTATION]);
  });

  test('a new key in the Secret: the pods restart, and the annotation records its fingerprint under the minter\'s own field manager', async () => {
    const before = deployment(namespace);
    const result = await runMinter(namespace, input, { RASA_SOCKETIO_JWT_KEY: NEW_KEY });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`minter: the key has changed (fingerprint ${fingerprint(NEW_KEY)}, the pods' was ${fingerprint(KEY)}): ` +
      `restarting the Rasa pods of Deployment ${namespace}/rasa, which read the key only at start (pod template annotation ${KEY_FINGERPRINT_ANNOTATION})`);
    expect(result.stdout).not.toContain(NEW_KEY);
    const after = deployment(namespace);
    expect(after.generation).toBe(before.generation + 1);
    expect(await replicaSetsAfter(namespace, 15_000, (names) => names.length === 2)).toHaveLength(2);
    expect(after.annotations).toEqual({ ...before.annotations, [KEY_FINGERPRINT_ANNOTATION]: fingerprint(NEW_KEY) });
    const own = after.managers.filter((m) => m.manager === KEY_ROLLOUT_FIELD_MANAGER);
    expect(own).toHaveLength(1);
    expect(JSON.parse(own[0]!.fields)).toEqual({
      'f:spec': { 'f:template': { 'f:metadata': { 'f:annotations': { [`f:${KEY_FINGERPRINT_ANNOTATION}`]: {} } } } },
    });
  });

  test('the same new key again restarts nothing', async () => {
    const before = deployment(namespace);
    const result = await runMinter(namespace, input, { RASA_SOCKETIO_JWT_KEY: NEW_KEY });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('restarting');
    expect(deployment(namespace).generation).toBe(before.generation);
  });

  test('kubectl apply, client-side and server-side, of the manifests again keeps the annotation and restarts nothing', async () => {
    const before = deployment(namespace);
    const sets = replicaSets(namespace);
    kubectl(['apply', '-n', namespace, '-f', '-'], DEPLOYMENT);
    expect(deployment(namespace)).toMatchObject({ generation: before.generation, annotations: before.annotations });
    // Moving from client-side to server-side apply bumps the generation once, with the same pod template.
    kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager', 'gitops', '-n', namespace, '-f', '-'], DEPLOYMENT);
    expect(deployment(namespace).annotations).toEqual(before.annotations);
    expect(deployment(namespace).annotations[KEY_FINGERPRINT_ANNOTATION]).toBe(fingerprint(NEW_KEY));
    expect(await replicaSetsAfter(namespace, 3000)).toEqual(sets);
  });

  test('without the Role rule on the Deployment, a run stops at once, naming the permission and the setting', async () => {
    const result = await runMinter(namespace, { ...input, restartDeployment: 'someone-elses' }, { RASA_SOCKETIO_JWT_KEY: 'yet-another-key-0123456789abcdefghij' });
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(`minter: error: 403 Forbidden on Deployment ${namespace}/someone-elses: the minter's service account in ${namespace} ` +
      'lacks the permission');
    expect(result.stdout).toContain(`it needs get and patch on deployments (apps) with resourceNames ["someone-elses"] in namespace ${namespace} ` +
      '(minter.restartOnKeyChange gives its Role that rule)');
    expect(result.stdout).not.toMatch(/retrying|wrote ConfigMap/);
  });

  test('a missing Deployment has no pods to restart: the run writes the tokens', async () => {
    kubectl(['delete', 'deployment', 'rasa', '-n', namespace]);
    const result = await runMinter(namespace, input, { RASA_SOCKETIO_JWT_KEY: 'a-third-key-0123456789abcdefghijklmnop' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wrote ConfigMap ${namespace}/rasa-widgets`);
  });
});
