import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { installMinter, KEY, minterServiceAccount, runMinter, runMinterAs } from './minter-run.js';
import { core, createNamespace, describeCluster, kubeconfigPath, kubectlResult, serviceAccountFiles } from './support.js';

describeCluster('the minter on a real API server, as its ServiceAccount with the rendered RBAC', () => {
  let namespace: string;
  let input: Record<string, any>;

  beforeAll(async () => {
    namespace = await createNamespace('minter');
    ({ input } = await installMinter(namespace));
  });

  test('creates the ConfigMap with tokens Rasa accepts, logging neither key nor token', async () => {
    const result = await runMinter(namespace, input);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^minter: minted 1 widget token\(s\) with HS256, key fingerprint [0-9a-f]{16}\nminter: wrote ConfigMap minter-[a-z0-9]+\/rasa-widgets: 4 keys, \d+ bytes, resourceVersion \d+\n$/);
    expect(result.stdout).not.toContain(KEY);
    const cm = await core().readNamespacedConfigMap({ name: 'rasa-widgets', namespace });
    const token = cm.data!['web-chat.token']!;
    expect(result.stdout).not.toContain(token);
    expect(await rasaDecision(token, signingKey(KEY, 'k'), 'HS256', Date.now())).toEqual({
      accepted: true, payload: { sender_id: 'rasa-chat-widget' },
    });
    expect(cm.data!['web-chat.legacy.html']).toContain(`data-token="${token}"`);
    expect(cm.metadata!.labels).toMatchObject({ 'app.kubernetes.io/component': 'minter' });
  });

  test('a second run is idempotent: the ConfigMap does not change', async () => {
    const before = await core().readNamespacedConfigMap({ name: 'rasa-widgets', namespace });
    expect((await runMinter(namespace, input)).status).toBe(0);
    const after = await core().readNamespacedConfigMap({ name: 'rasa-widgets', namespace });
    expect(after.metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
    expect(after.data).toEqual(before.data);
  });

  test('a removed widget disappears from the ConfigMap (one apply replaces the whole data)', async () => {
    const two = { ...input, widgets: [...input.widgets, { ...input.widgets[0], name: 'second' }] };
    expect((await runMinter(namespace, two)).status).toBe(0);
    expect(Object.keys((await core().readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data!)).toContain('second.token');
    expect((await runMinter(namespace, input)).status).toBe(0);
    expect(Object.keys((await core().readNamespacedConfigMap({ name: 'rasa-widgets', namespace })).data!).sort()).toEqual([
      'index.json', 'web-chat.legacy.html', 'web-chat.token', 'web-chat.web-component.html',
    ]);
  });

  test('gets 403 for another ConfigMap, and exits at once naming the permission', async () => {
    const result = await runMinter(namespace, { ...input, configMap: 'someone-elses' });
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(`minter: error: 403 Forbidden writing ConfigMap ${namespace}/someone-elses: the minter's service account in ${namespace} lacks the permission`);
    expect(result.stdout).toContain('its Role must grant get, patch and create on configmaps with resourceNames ["someone-elses"]');
    expect(result.stdout).not.toMatch(/retrying/);
    await expect(core().readNamespacedConfigMap({ name: 'someone-elses', namespace })).rejects.toMatchObject({ code: 404 });
  });

  test('gets 403 in another namespace', async () => {
    const other = await createNamespace('minter-other');
    const result = await runMinterAs(await minterServiceAccount(other, { tokenNamespace: namespace }), input);
    expect(result.status).toBe(3);
    // Its first request there, for the Rasa Deployment it would restart on a new key, is refused.
    expect(result.stdout).toContain(`403 Forbidden on Deployment ${other}/rasa`);
    expect(result.stdout).not.toContain('wrote ConfigMap');
  });

  test('can read no Secret, and list nothing', async () => {
    await core().createNamespacedSecret({ namespace, body: { metadata: { name: 'rasa-socketio-jwt' }, stringData: { 'jwt-key': KEY } } });
    const sa = await serviceAccountFiles(namespace, 'rasa-minter');
    const asMinter = (args: string[]) => kubectlResult([
      '--token', readFileSync(join(sa.dir, 'token'), 'utf8'), '--kubeconfig', '/dev/null',
      '--server', `https://${sa.env.KUBERNETES_SERVICE_HOST}:${sa.env.KUBERNETES_SERVICE_PORT}`,
      '--certificate-authority', join(sa.dir, 'ca.crt'), '-n', namespace, ...args,
    ]);
    for (const args of [['get', 'secret', 'rasa-socketio-jwt'], ['get', 'secrets'], ['get', 'configmaps'], ['get', 'configmap', 'rasa-config']]) {
      const result = asMinter(args);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/Forbidden/);
    }
    expect(asMinter(['get', 'configmap', 'rasa-widgets', '-o', 'name'])).toMatchObject({ status: 0, stdout: 'configmap/rasa-widgets\n' });
  });

  test('refuses an empty or short key before touching the API', async () => {
    for (const [key, message] of [
      ['', 'minter: error: the key in the environment variable RASA_SOCKETIO_JWT_KEY is empty: Rasa would run with auth off; set a key of at least 32 bytes\n'],
      ['short', 'minter: error: the key in the environment variable RASA_SOCKETIO_JWT_KEY is 5 bytes: HS256 needs at least 32 (e.g. openssl rand -hex 32, 64 bytes)\n'],
    ] as const) {
      const result = await runMinter(namespace, { ...input, configMap: 'never-written' }, { RASA_SOCKETIO_JWT_KEY: key });
      expect(result).toMatchObject({ status: 2, stdout: message });
    }
  });
});

describeCluster('rasa-socketio-jwt mint --to-configmap, from outside through a kubeconfig', () => {
  test('signs every widget of the values and writes the ConfigMap the Job would', async () => {
    const namespace = await createNamespace('cli-mint');
    const env = { KUBECONFIG: kubeconfigPath(), BOT_KEY: KEY };
    const result = await runCli(['mint', '--key-env', 'BOT_KEY', '--to-configmap', 'bot-widgets', '-n', namespace, '-f', 'chart/ci/03-widgets-values.yaml'], env);
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    // What it waits for (the one server-side apply), then what it wrote.
    expect(result.stderr).toMatch(new RegExp(`^writing ConfigMap ${namespace}/bot-widgets on https://\\S+: 3 widget\\(s\\), in one server-side apply\\n` +
      `wrote ConfigMap ${namespace}/bot-widgets for rasa: 3 widget\\(s\\), key fingerprint [0-9a-f]{16}, resourceVersion \\d+\\n$`));
    const data = (await core().readNamespacedConfigMap({ name: 'bot-widgets', namespace })).data!;
    const tokens = Object.entries(data).filter(([name]) => name.endsWith('.token'));
    expect(tokens.map(([name]) => name).sort()).toEqual(['docs.token', 'support-portal.token', 'website.token']);
    for (const [, token] of tokens) {
      expect(await rasaDecision(token, signingKey(KEY, 'k'), 'HS256', Date.now())).toMatchObject({ accepted: true });
    }
  });

  test('an unknown cluster user is refused with the status, not retried', async () => {
    const namespace = await createNamespace('cli-mint-denied');
    const sa = await serviceAccountFiles(namespace, 'default');
    const kubeconfig = join(sa.dir, 'kubeconfig');
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: c',
      `clusters: [{name: c, cluster: {server: "https://${sa.env.KUBERNETES_SERVICE_HOST}:${sa.env.KUBERNETES_SERVICE_PORT}", certificate-authority: "${join(sa.dir, 'ca.crt')}"}}]`,
      `users: [{name: u, user: {token: "${readFileSync(join(sa.dir, 'token'), 'utf8')}"}}]`,
      'contexts: [{name: c, context: {cluster: c, user: u}}]', '',
    ].join('\n'));
    const result = await runCli(['mint', '--key-env', 'BOT_KEY', '--to-configmap', 'w', '-n', namespace], { KUBECONFIG: kubeconfig, BOT_KEY: KEY });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`mint: 403 Forbidden writing ConfigMap ${namespace}/w: the user u of context c in KUBECONFIG=${kubeconfig} lacks the permission`);
  });
});
