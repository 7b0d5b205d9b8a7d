// Cluster DNS as a pod sees it: the nameserver and search path kubelet writes into its resolv.conf
// (the kube-dns Service), the API server's Service and a Service of the test's own resolved by their
// short, namespaced and full names through the C library's resolver (what Rasa and the minter use),
// and a name outside the cluster answered NXDOMAIN at once. The test bed has no upstream DNS; on a
// cluster that forwards, a name under the reserved `.invalid` is NXDOMAIN all the same.
import { NODE_IMAGE } from '../e2e/values.js';
import { deleteNamespace, progress, waitFor, withDiagnostics } from '../e2e/cluster.js';
import { core, createNamespace, describeCluster, kubectl } from './support.js';

const DOMAIN = 'cluster.local';
const OUTSIDE = 'no-such-host.rsj-test.invalid';
/**
 * A lookup that waited on an unanswered query would take glibc's 5 s timeout (and c-ares' 5 s) at
 * least; an answer from the node takes milliseconds. The margin is for a busy machine.
 */
const FAST_MS = 2000;

interface Outcome { value?: string[]; error?: string; ms: number }
interface ProbeReport { resolvConf: string; lookups: Record<string, Outcome>; resolve4Outside: Outcome }

/**
 * Runs in the pod: dns.lookup is getaddrinfo (resolv.conf's nameserver, search path and ndots,
 * like any program); the Resolver is c-ares, asking the nameserver for the name as given, whose
 * error code tells NXDOMAIN (ENOTFOUND) from SERVFAIL (ESERVFAIL) and no answer (ETIMEOUT).
 */
const PROBE = `
const dns = require('node:dns');
const fs = require('node:fs');
async function timed(f) {
  const t0 = performance.now();
  try { return { value: await f(), ms: performance.now() - t0 }; }
  catch (e) { return { error: e.code, ms: performance.now() - t0 }; }
}
(async () => {
  const lookups = {};
  for (const name of JSON.parse(process.env.NAMES)) {
    lookups[name] = await timed(async () => (await dns.promises.lookup(name, { all: true, family: 4 })).map((a) => a.address));
  }
  const resolve4Outside = await timed(() => new dns.promises.Resolver().resolve4(process.env.OUTSIDE));
  console.log(JSON.stringify({ resolvConf: fs.readFileSync('/etc/resolv.conf', 'utf8'), lookups, resolve4Outside }));
})();
`;

async function clusterIP(namespace: string, name: string): Promise<string> {
  return (await core().readNamespacedService({ name, namespace })).spec!.clusterIP!;
}

describeCluster('cluster DNS: pods resolve Services by name', () => {
  let namespace: string;
  let report: ProbeReport;
  let kubernetesIP: string;
  let webIP: string;

  beforeAll(async () => {
    namespace = await createNamespace('dns');
    await withDiagnostics(namespace, async () => {
      // A Service without a selector: it has a ClusterIP, and so a name, without any pod behind it.
      await core().createNamespacedService({
        namespace, body: { metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] } },
      });
      webIP = await clusterIP(namespace, 'web');
      kubernetesIP = await clusterIP('default', 'kubernetes');
      const names = [
        `kubernetes.default.svc.${DOMAIN}`, 'kubernetes.default',
        'web', `web.${namespace}`, `web.${namespace}.svc.${DOMAIN}`,
        `not-there.${namespace}.svc.${DOMAIN}`, OUTSIDE,
      ];
      await core().createNamespacedPod({
        namespace,
        body: {
          metadata: { name: 'dns-probe' },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'probe',
              image: `${NODE_IMAGE.registry}/${NODE_IMAGE.repository}:${NODE_IMAGE.tag}`,
              imagePullPolicy: NODE_IMAGE.pullPolicy,
              command: ['node', '-e', PROBE],
              env: [{ name: 'NAMES', value: JSON.stringify(names) }, { name: 'OUTSIDE', value: OUTSIDE }],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            }],
          },
        },
      });
      const phase = await waitFor(`pod ${namespace}/dns-probe to finish its lookups`, async () => {
        const p = (await core().readNamespacedPod({ name: 'dns-probe', namespace })).status?.phase;
        return p === 'Succeeded' || p === 'Failed' ? p : undefined;
      }, 90_000, 500);
      const logs = kubectl(['logs', 'dns-probe', '-n', namespace]);
      if (phase !== 'Succeeded') throw new Error(`the DNS probe pod ${phase}: ${logs}`);
      report = JSON.parse(logs) as ProbeReport;
      progress(`DNS probe: ${Object.entries(report.lookups).map(([name, o]) => `${name} ${o.error ?? o.value?.join(',')} ${o.ms.toFixed(0)}ms`).join('; ')}`);
    });
  }, 120_000);

  afterAll(() => deleteNamespace(namespace));

  test('kubelet gives the pod the kube-dns Service as nameserver and the cluster search path', async () => {
    const dnsIP = await clusterIP('kube-system', 'kube-dns');
    const lines = report.resolvConf.split('\n').map((l) => l.trim());
    expect(lines).toContain(`nameserver ${dnsIP}`);
    const search = lines.find((l) => l.startsWith('search '))?.split(/\s+/).slice(1);
    expect(search?.slice(0, 3)).toEqual([`${namespace}.svc.${DOMAIN}`, `svc.${DOMAIN}`, DOMAIN]);
  });

  test('the API server\'s Service resolves by its full name and by service.namespace', () => {
    expect(report.lookups[`kubernetes.default.svc.${DOMAIN}`]).toMatchObject({ value: [kubernetesIP] });
    expect(report.lookups['kubernetes.default']).toMatchObject({ value: [kubernetesIP] });
  });

  test('a Service made by the test resolves by its short name, service.namespace and full name', () => {
    expect(report.lookups.web).toMatchObject({ value: [webIP] });
    expect(report.lookups[`web.${namespace}`]).toMatchObject({ value: [webIP] });
    expect(report.lookups[`web.${namespace}.svc.${DOMAIN}`]).toMatchObject({ value: [webIP] });
  });

  test('a Service that does not exist and a name outside the cluster are not found, at once', () => {
    for (const name of [`not-there.${namespace}.svc.${DOMAIN}`, OUTSIDE]) {
      // ENOTFOUND is EAI_NONAME: every name tried (the search path too) was answered NXDOMAIN.
      // A lookup that got SERVFAIL or no answer fails with EAI_AGAIN instead.
      expect({ name, error: report.lookups[name]!.error }).toEqual({ name, error: 'ENOTFOUND' });
      expect(report.lookups[name]!.ms).toBeLessThan(FAST_MS);
    }
    expect(report.resolve4Outside.error).toBe('ENOTFOUND');
    expect(report.resolve4Outside.ms).toBeLessThan(FAST_MS);
  });
});
