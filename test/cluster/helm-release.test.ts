import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { HELM } from '../chart/helm.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from '../e2e/values.js';
import { core, createNamespace, describeCluster, kubeconfigPath, kubectl, run, waitAsNotesSay } from './support.js';

const KEY = 'helm-release-key-0123456789abcdefghij';
const describeHelmOnCluster = HELM ? describeCluster : describe.skip;

/** helm against the test cluster, asynchronously, like the other slow commands here (helm reaches the API server many times). */
function helmRun(args: string[]) {
  return run(HELM!, [...args, '--kubeconfig', kubeconfigPath()], process.env);
}

/** Names of every object of the kinds the chart renders, plus Secrets, in the namespace. */
function objectsIn(namespace: string): string[] {
  return kubectl(['get', 'deployments,services,ingresses,configmaps,secrets,serviceaccounts,roles,rolebindings,jobs,cronjobs', '-n', namespace, '-o', 'name'])
    .trim().split('\n').filter(Boolean).sort();
}

async function widgetTokens(namespace: string): Promise<Record<string, string>> {
  const data = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data ?? {};
  return Object.fromEntries(Object.entries(data).filter(([k]) => k.endsWith('.token')));
}

describeHelmOnCluster('helm install, upgrade and uninstall on the test cluster', () => {
  let namespace: string;
  const localImages = valuesFile(LOCAL_CLUSTER_VALUES);

  beforeAll(async () => {
    namespace = await createNamespace('helm');
    await core().createNamespacedSecret({ namespace, body: { metadata: { name: 'rasa-socketio-jwt' }, stringData: { 'jwt-key': KEY } } });
  });

  afterAll(() => {
    kubectl(['delete', 'namespace', namespace, '--wait=false']);
  });

  test('install into a restricted namespace: the minter Job, a release object, fills the widgets ConfigMap; its wait as NOTES print it', async () => {
    // Without --wait helm returns once the objects exist; the Job, run by the Job controller and the
    // kubelet, signs while Rasa starts.
    const install = await helmRun(['install', 'bot', 'chart', '-n', namespace, '-f', localImages, '--timeout', '180s']);
    expect(install.stderr).not.toMatch(/Error/);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain(`kubectl -n ${namespace} get configmap bot-rasa-widgets -o go-template=`);
    const job = await waitAsNotesSay(install.stdout);

    const tokens = await widgetTokens(namespace);
    expect(Object.keys(tokens)).toEqual(['web-chat.token']);
    expect(await rasaDecision(tokens['web-chat.token']!, signingKey(KEY, 'k'), 'HS256', Date.now())).toMatchObject({ accepted: true });
    // What stays is the release: its objects, the minter's among them, the finished Job too, and
    // Helm's record of it (and what the controller manager gives every namespace).
    expect(objectsIn(namespace)).toEqual([
      'configmap/bot-rasa-config', 'configmap/bot-rasa-minter', 'configmap/bot-rasa-widgets', 'configmap/kube-root-ca.crt', 'deployment.apps/bot-rasa',
      job, 'role.rbac.authorization.k8s.io/bot-rasa-minter', 'rolebinding.rbac.authorization.k8s.io/bot-rasa-minter',
      'secret/rasa-socketio-jwt', 'secret/sh.helm.release.v1.bot.v1', 'service/bot-rasa', 'serviceaccount/bot-rasa',
      'serviceaccount/bot-rasa-minter', 'serviceaccount/default',
    ]);
  });

  test('upgrade with a new widget adds its token and keeps the first', async () => {
    const before = await widgetTokens(namespace);
    const values = valuesFile({ widgets: [{ name: 'web-chat' }, { name: 'support', url: 'https://support.example.com', initialPayload: '/help' }] });
    const upgrade = await helmRun(['upgrade', 'bot', 'chart', '-n', namespace, '-f', localImages, '-f', values, '--timeout', '180s']);
    expect(upgrade.status).toBe(0);
    // A widget more is another input: a Job of another name, the old one deleted with the revision that had it.
    const job = await waitAsNotesSay(upgrade.stdout);
    expect(objectsIn(namespace).filter((o) => o.startsWith('job.batch/'))).toEqual([job]);
    const after = await widgetTokens(namespace);
    expect(Object.keys(after).sort()).toEqual(['support.token', 'web-chat.token']);
    expect(after['web-chat.token']).toBe(before['web-chat.token']);
    const html = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!['support.legacy.html'];
    expect(html).toContain('data-websocket-url="https://support.example.com"');
    expect(html).toContain('data-initial-payload="/help"');
  });

  test('upgrade to a widget that expires: the re-mint CronJob comes, and the minter\'s RBAC stays as release objects, not hooks', async () => {
    const values = valuesFile({ widgets: [{ name: 'web-chat', expiresIn: '1d' }] });
    const upgrade = await helmRun(['upgrade', 'bot', 'chart', '-n', namespace, '-f', localImages, '-f', values, '--timeout', '180s']);
    expect(upgrade.stderr).not.toMatch(/Error/);
    expect(upgrade.status).toBe(0);
    const job = await waitAsNotesSay(upgrade.stdout);
    expect(objectsIn(namespace)).toEqual(expect.arrayContaining([
      'configmap/bot-rasa-minter', 'cronjob.batch/bot-rasa-remint', 'role.rbac.authorization.k8s.io/bot-rasa-minter',
      'rolebinding.rbac.authorization.k8s.io/bot-rasa-minter', 'serviceaccount/bot-rasa-minter',
    ]));
    // The minter Job of this revision ran beside them; the CronJob has started none yet.
    expect(objectsIn(namespace).filter((o) => o.startsWith('job.batch/'))).toEqual([job]);
    const data = (await core().readNamespacedConfigMap({ name: 'bot-rasa-widgets', namespace })).data!;
    expect(data['web-chat.expires-at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(data['web-chat.expires-at']!) - Date.now()).toBeGreaterThan(86_000_000);
    const role = JSON.parse(kubectl(['get', 'role', 'bot-rasa-minter', '-n', namespace, '-o', 'json']));
    expect(Object.keys(role.metadata.annotations ?? {}).filter((a) => a.startsWith('helm.sh/hook'))).toEqual([]);
    expect(role.metadata.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'bot' });
  });

  test('uninstall leaves nothing of the chart behind, only the Secret the user owns', async () => {
    const uninstall = await helmRun(['uninstall', 'bot', '-n', namespace, '--timeout', '60s']);
    expect(uninstall.status).toBe(0);
    expect(objectsIn(namespace)).toEqual(['configmap/kube-root-ca.crt', 'secret/rasa-socketio-jwt', 'serviceaccount/default']);
  });
});
