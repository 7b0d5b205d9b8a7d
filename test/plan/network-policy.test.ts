import { clientLabel, networkPolicies, urlPort, type NetworkPolicyPlan } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const policies = (values: SettingsInput, fullname = 'bot-rasa') => networkPolicies(resolveSettings(values), 'bot', fullname);
const byComponent = (values: SettingsInput) => Object.fromEntries(policies(values).map((p) => [p.component, p])) as Record<string, NetworkPolicyPlan>;
const selector = (component: string) => ({ 'app.kubernetes.io/name': 'rasa', 'app.kubernetes.io/instance': 'bot', 'app.kubernetes.io/component': component });
const DNS = { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] };
const LOCKED = { allowExternal: false, allowExternalEgress: false };
const MINTER_HOOK = {
  'helm.sh/hook': 'post-install,post-upgrade,post-rollback', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
};

describe('networkPolicies', () => {
  test("by default: Rasa's port open to anyone, egress open, the minter limited to DNS and the API server, no ingress", () => {
    expect(policies({})).toEqual([
      {
        name: 'bot-rasa', component: 'server', podSelector: selector('server'), annotations: {},
        ingress: [{ ports: [{ port: 5005, protocol: 'TCP' }] }], egress: [{}],
      },
      {
        name: 'bot-rasa-minter', component: 'minter', podSelector: selector('minter'), annotations: {},
        egress: [DNS, { ports: [443, 6443, 8443].map((port) => ({ port, protocol: 'TCP' })) }],
      },
    ]);
  });

  test('none without networkPolicy.enabled', () => {
    expect(policies({ networkPolicy: { enabled: false }, actionServer: { enabled: true } })).toEqual([]);
  });

  test('one per kind of pod that runs: the key generator and the action server when on, the minter when on', () => {
    expect(policies({ socketio: { jwtKey: { generate: true } }, actionServer: { enabled: true } }).map((p) => [p.name, p.component])).toEqual([
      ['bot-rasa', 'server'], ['bot-rasa-actions', 'action-server'], ['bot-rasa-keygen', 'keygen'], ['bot-rasa-minter', 'minter'],
    ]);
    expect(policies({ minter: { enabled: false } }).map((p) => p.component)).toEqual(['server']);
  });

  test('the demo page: its port open to those who may reach Rasa, no egress at all, whatever allowExternalEgress says', () => {
    expect(byComponent({ demo: { enabled: true } }).demo).toEqual({
      name: 'bot-rasa-demo', component: 'demo', podSelector: selector('demo'), annotations: {},
      ingress: [{ ports: [{ port: 8080, protocol: 'TCP' }] }], egress: [],
    });
    expect(byComponent({ demo: { enabled: true, port: 9090 }, networkPolicy: LOCKED }).demo!.ingress).toEqual([
      { ports: [{ port: 9090, protocol: 'TCP' }], from: [{ podSelector: { matchLabels: { 'bot-rasa-client': 'true' } } }] },
    ]);
    expect(policies({ demo: { enabled: true } }).map((p) => p.component)).toEqual(['server', 'demo', 'minter']);
  });

  test('allowExternal false: only client-labelled pods, then the selected namespaces (and their pods), then extraIngress', () => {
    const extra = { from: [{ ipBlock: { cidr: '10.1.0.0/16' } }] };
    expect(byComponent({ networkPolicy: { allowExternal: false } }).server!.ingress).toEqual([
      { ports: [{ port: 5005, protocol: 'TCP' }], from: [{ podSelector: { matchLabels: { 'bot-rasa-client': 'true' } } }] },
    ]);
    const server = byComponent({
      rasa: { port: 8080 },
      networkPolicy: {
        allowExternal: false, ingressNSMatchLabels: { team: 'web' }, ingressNSPodMatchLabels: { app: 'nginx' }, extraIngress: [extra],
      },
    }).server!;
    expect(server.ingress).toEqual([{
      ports: [{ port: 8080, protocol: 'TCP' }],
      from: [
        { podSelector: { matchLabels: { 'bot-rasa-client': 'true' } } },
        { namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { app: 'nginx' } } },
      ],
    }, extra]);
    // As in bitnami's charts, pod labels alone select nothing: they narrow the namespaces.
    expect(byComponent({ networkPolicy: { allowExternal: false, ingressNSPodMatchLabels: { app: 'nginx' } } }).server!.ingress)
      .toEqual(byComponent({ networkPolicy: { allowExternal: false } }).server!.ingress);
  });

  test('allowExternal keeps extraIngress after the open rule', () => {
    const extra = { from: [{ podSelector: {} }], ports: [{ port: 9000 }] };
    expect(byComponent({ networkPolicy: { extraIngress: [extra] } }).server!.ingress).toEqual([{ ports: [{ port: 5005, protocol: 'TCP' }] }, extra]);
  });

  test("allowExternalEgress false: Rasa reaches DNS, the action server's pods, the model's port and extraEgress, in that order", () => {
    const redis = { to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 6379, protocol: 'TCP' }] };
    const { server, 'action-server': actions } = byComponent({
      networkPolicy: { ...LOCKED, extraEgress: [redis] },
      actionServer: { enabled: true, port: 5056 },
      rasa: { model: { download: { url: 'https://models.example.com/bot.tar.gz', sha256: 'a'.repeat(64) } } },
    });
    expect(server!.egress).toEqual([
      DNS,
      { to: [{ podSelector: { matchLabels: selector('action-server') } }], ports: [{ port: 5056, protocol: 'TCP' }] },
      { ports: [{ port: 443, protocol: 'TCP' }] },
      redis,
    ]);
    // The action server: from the Rasa pods only; out to DNS and extraEgress.
    expect(actions!.ingress).toEqual([{ from: [{ podSelector: { matchLabels: selector('server') } }], ports: [{ port: 5056, protocol: 'TCP' }] }]);
    expect(actions!.egress).toEqual([DNS, redis]);
  });

  test('allowExternalEgress (the default) opens egress whatever extraEgress holds, as bitnami ignores it then', () => {
    const { server, 'action-server': actions } = byComponent({ networkPolicy: { extraEgress: [{ ports: [{ port: 1 }] }] }, actionServer: { enabled: true } });
    expect([server!.egress, actions!.egress]).toEqual([[{}], [{}]]);
  });

  test("a Job's policy is annotated as its ServiceAccount and Role: the key generator's a hook before the Job, gone with it, by default", () => {
    const { minter, keygen } = byComponent({ socketio: { jwtKey: { generate: true } }, keyGenerator: { rbacAnnotations: { team: 'chat' } } });
    expect(minter!.annotations).toEqual({});
    expect(byComponent({ minter: { rbacAnnotations: MINTER_HOOK } }).minter!.annotations).toEqual(MINTER_HOOK);
    expect(keygen!.annotations).toEqual({
      'helm.sh/hook': 'pre-install,pre-upgrade,pre-rollback', 'helm.sh/hook-weight': '-15',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded', team: 'chat',
    });
    // With the re-mint CronJob, the minter's objects outlive the Job: no hooks, even when asked for.
    expect(byComponent({ widgets: [{ name: 'w', expiresIn: '30d' }], minter: { rbacAnnotations: MINTER_HOOK } }).minter!.annotations).toEqual({});
  });

  test("the Jobs' egress follows kubeAPIServerPorts, and neither allowExternal nor allowExternalEgress", () => {
    const { minter, keygen } = byComponent({ networkPolicy: { ...LOCKED, kubeAPIServerPorts: [16443] }, socketio: { jwtKey: { generate: true } } });
    for (const job of [minter!, keygen!]) {
      expect(job.ingress).toBeUndefined();
      expect(job.egress).toEqual([DNS, { ports: [{ port: 16443, protocol: 'TCP' }] }]);
    }
  });

  test('the client label fits the 63 characters of a label name', () => {
    expect(clientLabel('bot-rasa')).toBe('bot-rasa-client');
    expect(clientLabel('x'.repeat(63))).toBe(`${'x'.repeat(56)}-client`);
    expect(clientLabel(`${'x'.repeat(55)}-yyyy`)).toBe(`${'x'.repeat(55)}-client`);
  });
});

describe('urlPort', () => {
  test.each<[string, number | undefined]>([
    ['https://models.example.com/m.tar.gz', 443],
    ['http://models.example.com', 80],
    ['http://models.example.com:8080/m', 8080],
    ['https://user:pa:ss@models.example.com:8443/m', 8443],
    ['https://user@models.example.com/m', 443],
    ['https://[::1]:9000/m', 9000],
    ['https://[::1]/m', 443],
    ['https://models.example.com:0/m', undefined],
    ['https://models.example.com:65536/m', undefined],
    ['https://models.example.com:99999999999999999999/m', undefined],
    ['https://models.example.com/path:80', 443],
    ['', undefined],
    ['s3://bucket/m', undefined],
  ])('%s: %s', (url, port) => {
    expect(urlPort(url)).toBe(port);
  });

  test("the model server's URL opens its port", () => {
    const { server } = byComponent({
      networkPolicy: { allowExternalEgress: false },
      rasa: { model: { serverUrl: 'http://models:80/m.tar.gz' }, api: { enabled: true, tokenSecretName: 'api' } },
    });
    expect(server!.egress).toEqual([DNS, { ports: [{ port: 80, protocol: 'TCP' }] }]);
  });
});
