// The chart's NetworkPolicies on the real cluster. The test bed's network plugin (a bridge) does
// not enforce NetworkPolicies, so what gets through is not tested here; what is: the API server
// accepts every policy and keeps every field of it, and each pod selector in them (the policy's
// own, and those of its rules) selects exactly the pods it is meant for, as the API server
// selects them, among the pods the release runs: Rasa's, the action server's and both Jobs'.
import { parseObjects } from '../chart/helm.js';
import { createNamespace, kubectl } from '../cluster/support.js';
import { deleteNamespace, describeE2E, helm, waitFor, withDiagnostics } from './cluster.js';
import { LOCAL_CLUSTER_VALUES, RASA_SDK_IMAGE, valuesFile } from './values.js';

interface Pod {
  metadata: { name: string; labels?: Record<string, string>; ownerReferences?: Array<{ kind: string; name: string }> };
}
interface Policy {
  metadata: { name: string };
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    ingress?: Array<{ from?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }>;
    egress?: Array<{ to?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }>;
  };
}

// The key generator's hooks kept after they succeed, so that its Job's pod (and its policy, a hook as its Role is) is there to be
// selected; the minter's are plain objects, kept anyway.
const KEEP_HOOK = (hook: string, weight: string) => ({ 'helm.sh/hook': hook, 'helm.sh/hook-weight': weight, 'helm.sh/hook-delete-policy': 'before-hook-creation' });
const VALUES = {
  ...LOCAL_CLUSTER_VALUES,
  socketio: { jwtKey: { generate: true } },
  actionServer: { enabled: true, image: RASA_SDK_IMAGE },
  keyGenerator: { jobAnnotations: KEEP_HOOK('pre-install', '-10'), rbacAnnotations: KEEP_HOOK('pre-install', '-15') },
  networkPolicy: {
    allowExternal: false,
    allowExternalEgress: false,
    ingressNSMatchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
    extraEgress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 6379, protocol: 'TCP' }] }],
  },
};

const json = <T>(args: string[]): T => JSON.parse(kubectl([...args, '-o', 'json'])) as T;
const selectorOf = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');

describeE2E('NetworkPolicies on the real cluster (not enforced by its network plugin: accepted, and selecting the right pods)', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('e2e-netpol');
  });

  afterAll(() => deleteNamespace(namespace));

  test('each policy and each pod selector of its rules selects exactly the pods meant, as the API server selects them', async () => {
    await withDiagnostics(namespace, async () => {
      const installed = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(VALUES), '--timeout', '5m']);
      expect(installed.status).toBe(0);

      /** The workload a pod belongs to: its Deployment (through its ReplicaSet) or its Job, as kind/name. */
      const workloadOf = (pod: Pod): string => {
        const owner = pod.metadata.ownerReferences?.[0];
        if (owner?.kind === 'ReplicaSet') {
          const rs = json<{ metadata: { ownerReferences: Array<{ kind: string; name: string }> } }>(['get', 'replicaset', owner.name, '-n', namespace]);
          return `${rs.metadata.ownerReferences[0]!.kind}/${rs.metadata.ownerReferences[0]!.name}`;
        }
        return `${owner?.kind}/${owner?.name.replace(/-[0-9a-f]{10}$/, '-<hash>')}`;
      };
      const workloads = ['Deployment/bot-rasa', 'Deployment/bot-rasa-actions', 'Job/bot-rasa-keygen-<hash>', 'Job/bot-rasa-minter-<hash>'];
      const podsByWorkload = await waitFor('a pod of each workload', () => {
        const all = json<{ items: Pod[] }>(['get', 'pods', '-n', namespace]).items;
        const grouped: Record<string, string[]> = {};
        for (const pod of all) (grouped[workloadOf(pod)] ??= []).push(pod.metadata.name);
        return workloads.every((w) => grouped[w]?.length) ? grouped : undefined;
      }, 180_000, 2000);
      expect(Object.keys(podsByWorkload).sort()).toEqual(workloads);
      const selected = (labels: Record<string, string>) =>
        json<{ items: Pod[] }>(['get', 'pods', '-n', namespace, '-l', selectorOf(labels)]).items.map((p) => p.metadata.name).sort();
      const podsOf = (workload: string) => [...podsByWorkload[workload]!].sort();

      // Accepted, and kept as rendered: no field the API server did not know was dropped.
      const policies = json<{ items: Policy[] }>(['get', 'networkpolicies', '-n', namespace]).items;
      // The Jobs' policies are hooks, which Helm keeps apart from the release's manifest.
      const releaseText = (await helm(['get', 'manifest', 'bot', '-n', namespace])).stdout + (await helm(['get', 'hooks', 'bot', '-n', namespace])).stdout;
      const rendered = (parseObjects(releaseText) as Array<Policy & { kind: string }>).filter((o) => o.kind === 'NetworkPolicy');
      expect(policies.map((p) => p.metadata.name).sort()).toEqual(['bot-rasa', 'bot-rasa-actions', 'bot-rasa-keygen', 'bot-rasa-minter']);
      const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]));
      expect(Object.fromEntries(rendered.map((p) => [p.metadata.name, p.spec]))).toEqual(byName);

      expect(selected(byName['bot-rasa']!.podSelector.matchLabels)).toEqual(podsOf('Deployment/bot-rasa'));
      expect(selected(byName['bot-rasa-actions']!.podSelector.matchLabels)).toEqual(podsOf('Deployment/bot-rasa-actions'));
      expect(selected(byName['bot-rasa-minter']!.podSelector.matchLabels)).toEqual(podsOf('Job/bot-rasa-minter-<hash>'));
      expect(selected(byName['bot-rasa-keygen']!.podSelector.matchLabels)).toEqual(podsOf('Job/bot-rasa-keygen-<hash>'));
      // Every pod of the release is under exactly one policy.
      const covered = policies.flatMap((p) => selected(p.spec.podSelector.matchLabels)).sort();
      expect(covered).toEqual(Object.values(podsByWorkload).flat().sort());

      // The rules' pod selectors: the action server takes the Rasa pods, and Rasa reaches the action server's.
      const actionsFrom = byName['bot-rasa-actions']!.ingress!.flatMap((r) => r.from ?? []).flatMap((f) => (f.podSelector ? [f.podSelector.matchLabels] : []));
      expect(actionsFrom.map(selected)).toEqual([podsOf('Deployment/bot-rasa')]);
      const rasaTo = byName['bot-rasa']!.egress!.flatMap((r) => r.to ?? []).flatMap((t) => (t.podSelector ? [t.podSelector.matchLabels] : []));
      expect(rasaTo.map(selected)).toEqual([podsOf('Deployment/bot-rasa-actions')]);
      // No pod is labelled as a client yet: the only pod selector of Rasa's ingress selects none.
      const rasaFrom = byName['bot-rasa']!.ingress!.flatMap((r) => r.from ?? []).flatMap((f) => (f.podSelector && !('namespaceSelector' in f) ? [f.podSelector.matchLabels] : []));
      expect(rasaFrom).toEqual([{ 'bot-rasa-client': 'true' }]);
      expect(selected(rasaFrom[0]!)).toEqual([]);
      // The Jobs may reach the API server's ports and DNS, nothing else; no one may reach them.
      for (const job of ['bot-rasa-minter', 'bot-rasa-keygen']) {
        expect([job, byName[job]!.ingress, byName[job]!.egress]).toEqual([job, undefined, [
          { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
          { ports: [443, 6443, 8443].map((port) => ({ port, protocol: 'TCP' })) },
        ]]);
      }
    });
  }, 600_000);
});
