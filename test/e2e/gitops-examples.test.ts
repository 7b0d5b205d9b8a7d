// The GitOps examples (examples/argocd, examples/flux), checked without Argo CD or Flux, which
// cannot run here:
// - their manifests against the CRDs' own schemas: the CRDs of Argo CD and Flux
//   (scripts/test-deps/60-gitops-crds.sh fetches them through the Go module proxy) are installed
//   into the test cluster, every example is applied with a server-side dry run, and a wrong field
//   is refused, so the check can fail;
// - what each would apply, applied to the test cluster: the chart rendered with the Argo CD
//   Application's values by `helm template` and synced in Argo CD's hook phases (argocd-sync.ts);
//   the manifests `synth` renders from examples/bot-config/values.yaml, applied as Argo CD's
//   directory Application and Flux's Kustomization apply them (server-side apply); the Flux
//   HelmRelease's values rendered by the chart and dry-run on the API server (a real
//   `helm install` is test/e2e/helm-lifecycle.test.ts's);
// - the README's `kubectl apply --prune` command, which removes the superseded minter Job.
// The examples name real images; the test bed's images (LOCAL_CLUSTER_VALUES) are given after the
// examples' values, as a second values file. The CRDs are cluster-wide: they are removed at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { rasaDecision, signingKey } from '../../src/minter/index.js';
import { describeHelm, helm, parseObjects } from '../chart/helm.js';
import { clusterState } from '../cluster/testbed.js';
import { createNamespace, kubeconfigPath, kubectl, kubectlResult } from '../cluster/support.js';
import { chatOnce } from '../support/socketio-chat.js';
import type { K8sObject } from '../support/render.js';
import { argoSyncPlan, deletePolicies, isHook, type SyncPlan } from './argocd-sync.js';
import { configMapData, deleteNamespace, describeE2E, portForward, progress, rolloutReady, secretValue, waitFor, withDiagnostics } from './cluster.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const SETUP_HINT = 'bash scripts/with-env.sh --for-tests npm test fetches them (scripts/test-deps/60-gitops-crds.sh)';

/** The folder of CRDs 60-gitops-crds.sh made: RSJ_GITOPS_CRDS, else its pinned place in the cache. */
function gitopsCrds(): string | undefined {
  const script = readFileSync('scripts/test-deps/60-gitops-crds.sh', 'utf8');
  const version = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(script)?.[1];
  const cache = process.env.RSJ_CACHE ?? join(homedir(), '.cache', 'rasa-socketio-jwt');
  const pinned = join(cache, 'gitops-crds', `argo-cd-${version('ARGOCD_VERSION')}-flux-${version('FLUX_VERSION')}`);
  const dir = process.env.RSJ_GITOPS_CRDS || pinned;
  if (existsSync(join(dir, '.complete'))) return dir;
  if (process.env.CI) throw new Error(`CI needs the Argo CD and Flux CRDs (RSJ_GITOPS_CRDS, or ${pinned}): ${SETUP_HINT}`);
  process.stderr.write(`[gitops] the Argo CD and Flux CRDs are not fetched (${pinned}): the GitOps examples test is SKIPPED; ${SETUP_HINT}\n`);
  return undefined;
}

const CRDS = gitopsCrds();
const describeGitops = CRDS ? describeE2E : describe.skip;

// Lists unwrapped into their items, as Argo CD's repo server does before it plans a sync.
const objectsOf = parseObjects;

const exampleObjects = (file: string) => objectsOf(readFileSync(file, 'utf8'));

function one(objects: readonly K8sObject[], kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const EXAMPLES = ['examples/argocd', 'examples/flux'].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f)));

/** `kubectl apply --server-side --dry-run=server` of these objects, moved into `namespace`. */
function dryRun(objects: readonly K8sObject[], namespace: string): { status: number; stdout: string; stderr: string } {
  const input = objects.map((o) => stringify({ ...o, metadata: { ...o.metadata, namespace } })).join('---\n');
  return kubectlResult(['apply', '--server-side', '--dry-run=server', '--field-manager', 'gitops-examples', '-f', '-'], input);
}

/** Objects applied as Argo CD (ServerSideApply=true) and Flux apply them: server-side, under their field manager. */
function serverSideApply(objects: readonly K8sObject[], namespace: string, manager: string): void {
  const input = objects.map((o) => stringify(o)).join('---\n');
  const applied = kubectlResult(['apply', '--server-side', '--field-manager', manager, '-n', namespace, '-f', '-'], input);
  expect(applied.stderr).toBe('');
  expect(applied.status).toBe(0);
}

const jobStatus = (namespace: string, name: string) => {
  const result = kubectlResult(['get', 'job', name, '-n', namespace, '-o', 'json']);
  return result.status === 0 ? (JSON.parse(result.stdout) as { status: { succeeded?: number; failed?: number } }).status : undefined;
};

/** Waits until the wave is healthy as Argo CD judges it: Jobs complete, Deployments rolled out. */
async function healthy(objects: readonly K8sObject[], namespace: string): Promise<void> {
  for (const o of objects) {
    if (o.kind === 'Job') {
      await waitFor(`Job ${o.metadata.name} complete`, () => {
        const status = jobStatus(namespace, o.metadata.name);
        if (status?.failed) throw new Error(`Job ${o.metadata.name} failed`);
        return status?.succeeded ? true : undefined;
      }, 300_000);
    }
    if (o.kind === 'Deployment') await rolloutReady(namespace, o.metadata.name);
  }
}

const resource = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

/** Runs the sync plan as Argo CD runs it: wave by wave, each healthy before the next; hooks deleted by their policies. */
async function argoSync(plan: SyncPlan, namespace: string): Promise<void> {
  const succeeded: K8sObject[] = [];
  for (const wave of plan.waves) {
    progress(`Argo CD sync: ${wave.phase} wave ${wave.wave}: ${wave.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
    for (const hook of wave.objects.filter((o) => isHook(o) && deletePolicies(o).includes('before-hook-creation'))) {
      kubectlResult(['delete', resource(hook), '-n', namespace, '--ignore-not-found', '--wait=true']);
    }
    serverSideApply(wave.objects, namespace, 'argocd-controller');
    await healthy(wave.objects, namespace);
    succeeded.push(...wave.objects.filter((o) => isHook(o) && deletePolicies(o).includes('hook-succeeded')));
  }
  for (const hook of succeeded) kubectl(['delete', resource(hook), '-n', namespace, '--ignore-not-found', '--wait=true']);
}

async function widgetTokens(namespace: string, widgets: readonly string[]): Promise<Record<string, string>> {
  return waitFor(`the minter's tokens for ${widgets.join(', ')} in ConfigMap bot-rasa-widgets`, () => {
    const data = configMapData(namespace, 'bot-rasa-widgets') ?? {};
    return widgets.every((w) => data[`${w}.token`]) ? data : undefined;
  }, 300_000);
}

/** The key generator's Secret (the chart's default name), once it exists. */
function generatedKey(namespace: string): Promise<string> {
  return waitFor('the key generator\'s Secret rasa-socketio-jwt', () => {
    const exists = kubectlResult(['get', 'secret', 'rasa-socketio-jwt', '-n', namespace]).status === 0;
    return exists ? secretValue(namespace, 'rasa-socketio-jwt', 'jwt-key') : undefined;
  }, 300_000);
}

async function expectAccepted(token: string, key: string): Promise<void> {
  expect(await rasaDecision(token, signingKey(key, 'the Secret'), 'HS256', Date.now())).toMatchObject({ accepted: true });
}

/** The `synth` command examples/bot-config/values.yaml documents, as its arguments. */
function documentedSynth(): string[] {
  const line = /^#\s+npx rasa-socketio-jwt (synth .*)$/m.exec(readFileSync('examples/bot-config/values.yaml', 'utf8'))?.[1];
  expect(line).toBeDefined();
  return line!.split(/\s+/);
}

/** Runs the documented synth from examples/bot-config, into `namespace`, with the test bed's images; returns deploy/bot. */
async function synthBotConfig(namespace: string, extraValues: readonly string[] = []): Promise<string> {
  const args = documentedSynth();
  const at = (flag: string) => args.indexOf(flag) + 1;
  expect(args[at('--namespace')]).toBe('chat');
  expect(args[at('-f')]).toBe('values.yaml');
  args[at('--namespace')] = namespace;
  args[at('-f')] = 'examples/bot-config/values.yaml';
  const repo = mkdtempSync(join(tmpdir(), 'rsj-e2e-bot-config-'));
  const out = join(repo, args[at('-o')]!);
  args[at('-o')] = out;
  const result = await runCli([...args, '-f', valuesFile(LOCAL_CLUSTER_VALUES), ...extraValues.flatMap((f) => ['-f', f])], {});
  if (result.exitCode !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return out;
}

/** What Argo CD's directory source (include *.k8s.yaml) and Flux's Kustomization read from deploy/bot. */
function manifestsIn(folder: string): K8sObject[] {
  return readdirSync(folder).filter((f) => f.endsWith('.k8s.yaml')).flatMap((f) => objectsOf(readFileSync(join(folder, f), 'utf8')));
}

/** The README's `kubectl apply ... --prune` command of the GitOps section, continuation lines joined. */
function readmePruneCommand(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## GitOps: Argo CD and Flux'));
  const block = /```sh\n(npx rasa-socketio-jwt synth[^\n]*\n(kubectl apply [\s\S]*?))```/.exec(section);
  expect(block).not.toBeNull();
  return block![2]!.replace(/\\\n\s*/g, '').trim();
}

function crdNames(dir: string): string[] {
  return ['argo-cd', 'flux'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => objectsOf(readFileSync(join(dir, sub, f), 'utf8'))[0]!.metadata.name as string));
}

describeHelm('GitOps examples: what the test checks them with', () => {
  test('the README\'s prune allowlist names every namespaced kind the chart renders, so turning a part off prunes it too', async () => {
    const allowlist = [...readmePruneCommand().matchAll(/--prune-allowlist=(\S+)/g)].map((m) => m[1]!);
    const out = mkdtempSync(join(tmpdir(), 'rsj-e2e-prune-kinds-'));
    const result = await runCli(['synth', '-o', out, '--release', 'bot', '--namespace', 'chat', '-f', 'test/scan/full-values.yaml'], {});
    expect(result.exitCode).toBe(0);
    const kinds = new Set(objectsOf(readFileSync(join(out, 'bot.k8s.yaml'), 'utf8'))
      .map((o) => `${o.apiVersion.includes('/') ? o.apiVersion : `core/${o.apiVersion}`}/${o.kind}`));
    expect([...kinds].filter((k) => !allowlist.includes(k))).toEqual([]);
  });

  test('Argo CD\'s sync plan of the chart: the key generator in PreSync by hook weight, the minter in Sync with the Deployment, the helm test pod ignored', () => {
    const rendered = helm(['template', 'bot', 'chart', '--namespace', 'chat', '-f', valuesFile({ socketio: { jwtKey: { generate: true } } })]);
    expect(rendered.status).toBe(0);
    const plan = argoSyncPlan(objectsOf(rendered.stdout));
    const names = plan.waves.map((w) => `${w.phase} ${w.wave}: ${w.objects.map((o) => `${o.kind}/${o.metadata.name}`.replace(/-[0-9a-f]{10}$/, '-<hash>')).sort().join(' ')}`);
    expect(names[0]).toBe('PreSync -15: ConfigMap/bot-rasa-keygen NetworkPolicy/bot-rasa-keygen Role/bot-rasa-keygen RoleBinding/bot-rasa-keygen ServiceAccount/bot-rasa-keygen');
    expect(names[1]).toBe('PreSync -10: Job/bot-rasa-keygen-<hash>');
    expect(names[2]).toMatch(/^Sync 0: /);
    expect(plan.waves[2]!.objects.map((o) => `${o.kind}/${o.metadata.name}`.replace(/-[0-9a-f]{10}$/, '-<hash>'))).toEqual(expect.arrayContaining([
      'Deployment/bot-rasa', 'ConfigMap/bot-rasa-widgets', 'Job/bot-rasa-minter-<hash>', 'ServiceAccount/bot-rasa-minter', 'Role/bot-rasa-minter',
      'RoleBinding/bot-rasa-minter', 'ConfigMap/bot-rasa-minter', 'NetworkPolicy/bot-rasa-minter',
    ]));
    expect(names).toHaveLength(3);
    expect(plan.ignored.map((o) => o.metadata.annotations['helm.sh/hook'])).toEqual(plan.ignored.map(() => 'test'));
  });
});

describeGitops('GitOps examples: Argo CD and Flux manifests against their CRDs, and what each applies', () => {
  const namespaces: string[] = [];
  let crds: string[] = [];

  beforeAll(async () => {
    progress(`installing the Argo CD and Flux CRDs from ${CRDS}`);
    crds = crdNames(CRDS!);
    kubectl(['apply', '--server-side', '--field-manager', 'gitops-examples', '-f', join(CRDS!, 'argo-cd'), '-f', join(CRDS!, 'flux')]);
    // Established, then served by discovery, which follows a moment later.
    await waitFor('the Argo CD and Flux CRDs established and served', () =>
      kubectlResult(['wait', '--for', 'condition=Established', '--timeout', '5s', ...crds.map((n) => `crd/${n}`)]).status === 0 &&
      kubectlResult(['get', '-A', crds.join(',')]).status === 0 ? true : undefined, 120_000, 2000);
  }, 180_000);

  afterAll(() => {
    for (const namespace of namespaces) deleteNamespace(namespace);
    // Cluster-wide, so not left for other tests; nothing of theirs was created (dry runs only).
    if (crds.length) kubectlResult(['delete', ...crds.map((n) => `crd/${n}`), '--ignore-not-found', '--wait=true']);
  }, 120_000);

  async function namespace(prefix: string): Promise<string> {
    const name = await createNamespace(prefix);
    namespaces.push(name);
    return name;
  }

  test('every example passes a server-side dry run against the Argo CD and Flux CRDs; a wrong field is refused', async () => {
    const ns = await namespace('e2e-gitops-crds');
    const seen: string[] = [];
    for (const file of EXAMPLES) {
      const objects = exampleObjects(file);
      const result = dryRun(objects, ns);
      expect({ file, stderr: result.stderr, status: result.status }).toEqual({ file, stderr: '', status: 0 });
      for (const o of objects) {
        expect(result.stdout).toContain(`${o.metadata.name} serverside-applied (server dry run)`);
        seen.push(`${o.apiVersion} ${o.kind}`);
      }
    }
    expect(new Set(seen)).toEqual(new Set([
      'argoproj.io/v1alpha1 Application', 'source.toolkit.fluxcd.io/v1 GitRepository',
      'helm.toolkit.fluxcd.io/v2 HelmRelease', 'kustomize.toolkit.fluxcd.io/v1 Kustomization',
    ]));

    // The check can fail: the CRDs' schemas refuse an unknown field (server-side apply's typed
    // patch), a value out of an enum, a wrong type.
    const app = one(exampleObjects('examples/argocd/chart-application.yaml'), 'Application');
    const misspelt = structuredClone(app);
    misspelt.spec.source.helm.valuesObjects = misspelt.spec.source.helm.valuesObject;
    expect(dryRun([misspelt], ns).stderr).toMatch(/\.spec\.source\.helm\.valuesObjects: field not declared in schema/);
    const release = one(exampleObjects('examples/flux/helmrelease.yaml'), 'HelmRelease');
    release.spec.chart.spec.reconcileStrategy = 'Always';
    expect(dryRun([release], ns).stderr).toMatch(/spec\.chart\.spec\.reconcileStrategy: Unsupported value: "Always"/);
    const kustomization = one(exampleObjects('examples/flux/manifests-kustomization.yaml'), 'Kustomization');
    kustomization.spec.prune = 'always';
    expect(dryRun([kustomization], ns).stderr).toMatch(/\.spec\.prune: expected boolean/);
  }, 120_000);

  test('Argo CD\'s chart Application: helm template with its values, synced in hook phases; the key generator makes the Secret, the minter fills the ConfigMap, the bot chats', async () => {
    const ns = await namespace('e2e-argocd-chart');
    await withDiagnostics(ns, async () => {
      const app = one(exampleObjects('examples/argocd/chart-application.yaml'), 'Application');
      const { path, helm: source } = app.spec.source;
      expect(path).toBe('chart');
      // Argo CD writes valuesObject to a file and renders: helm template <releaseName> <path> --namespace <destination> -f ...
      const rendered = helm(['template', source.releaseName, path, '--namespace', ns, '--include-crds',
        '-f', valuesFile(source.valuesObject), '-f', valuesFile(LOCAL_CLUSTER_VALUES)]);
      expect(rendered.status).toBe(0);
      const plan = argoSyncPlan(objectsOf(rendered.stdout));
      await argoSync(plan, ns);

      const key = await generatedKey(ns);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      const widgets = source.valuesObject.widgets.map((w: { name: string }) => w.name) as string[];
      const tokens = await widgetTokens(ns, widgets);
      for (const widget of widgets) await expectAccepted(tokens[`${widget}.token`]!, key);
      // hook-succeeded: the key generator's hooks are gone; the minter's plain objects stay, as in Git.
      const left = kubectl(['get', 'jobs,roles,rolebindings,serviceaccounts', '-n', ns, '-o', 'name']).split('\n').filter((n) => /keygen|minter/.test(n));
      expect(left.map((n) => n.replace(/-[0-9a-f]{10}$/, '-<hash>')).sort()).toEqual([
        'job.batch/bot-rasa-minter-<hash>', 'role.rbac.authorization.k8s.io/bot-rasa-minter',
        'rolebinding.rbac.authorization.k8s.io/bot-rasa-minter', 'serviceaccount/bot-rasa-minter',
      ]);

      await rolloutReady(ns, `${source.releaseName}-rasa`);
      const forward = await portForward(ns, `service/${source.releaseName}-rasa`, 5005);
      try {
        expect(await chatOnce(forward.url, tokens[`${widgets[0]}.token`]!, 'hello')).toBe(BOT_GREETING);
      } finally {
        forward.stop();
      }
    });
    deleteNamespace(ns); // frees the node for the next test at once
  }, 900_000);

  test('the synthesized manifests of Argo CD\'s directory Application and Flux\'s Kustomization, applied server-side: the key generator and the minter run', async () => {
    const ns = await namespace('e2e-gitops-synth');
    await withDiagnostics(ns, async () => {
      const argo = one(exampleObjects('examples/argocd/manifests-application.yaml'), 'Application');
      const flux = one(exampleObjects('examples/flux/manifests-kustomization.yaml'), 'Kustomization');
      const folder = await synthBotConfig(ns);
      // Both read the folder the documented synth writes.
      const synthOut = documentedSynth()[documentedSynth().indexOf('-o') + 1];
      expect(argo.spec.source.path).toBe(synthOut);
      expect(flux.spec.path).toBe(`./${synthOut}`);
      expect(argo.spec.source.directory.include).toBe('*.k8s.yaml');

      const objects = manifestsIn(folder);
      expect(objects.filter((o) => isHook(o))).toEqual([]);
      serverSideApply(objects, ns, 'kustomize-controller');
      const key = await generatedKey(ns);
      const tokens = await widgetTokens(ns, ['website']);
      await expectAccepted(tokens['website.token']!, key);
      // Plain Jobs, kept after they finish: a GitOps tool would recreate one that disappeared.
      await healthy(objects.filter((o) => o.kind === 'Job'), ns);
    });
    deleteNamespace(ns); // frees the node for the next test at once
  }, 600_000);

  test('the Flux HelmRelease\'s values: the chart renders them, and the API server takes every object (dry run)', async () => {
    const ns = await namespace('e2e-flux-helm');
    const objects = exampleObjects('examples/flux/helmrelease.yaml');
    const release = one(objects, 'HelmRelease');
    const repository = one(objects, 'GitRepository');
    expect(release.spec.chart.spec.chart).toBe('./chart');
    expect(release.spec.chart.spec.sourceRef).toEqual({ kind: 'GitRepository', name: repository.metadata.name });
    // helm-controller runs no `helm test` unless spec.test.enable: the test hooks are left out.
    const rendered = helm(['template', release.spec.releaseName, 'chart', '--namespace', ns, '--skip-tests', '-f', valuesFile(release.spec.values), '-f', valuesFile(LOCAL_CLUSTER_VALUES)]);
    expect(rendered.status).toBe(0);
    const secretRef = objectsOf(rendered.stdout).find((o) => o.kind === 'Deployment')!.spec.template.spec.containers
      .flatMap((c: K8sObject) => c.env ?? []).find((e: K8sObject) => e.name === 'RASA_SOCKETIO_JWT_KEY').valueFrom.secretKeyRef;
    expect(secretRef).toEqual({ name: release.spec.values.socketio.jwtKey.secretName, key: release.spec.values.socketio.jwtKey.secretKey });
    const result = kubectlResult(['apply', '--server-side', '--dry-run=server', '-n', ns, '-f', '-'], rendered.stdout);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  test('the README\'s kubectl apply --prune: a change runs a new minter Job and prunes the old one; the generated key Secret and the tokens stay', async () => {
    const ns = await namespace('e2e-gitops-prune');
    await withDiagnostics(ns, async () => {
      // Rasa itself plays no part here: its image is one the node never pulls, so it costs nothing.
      const noRasa = valuesFile({ rasa: { image: { tag: 'not-pulled' } } });
      const command = readmePruneCommand();
      const state = clusterState();
      const env = {
        ...process.env,
        KUBECONFIG: kubeconfigPath(),
        PATH: state.mode === 'unavailable' || state.kubectl === 'kubectl' ? process.env.PATH : `${dirname(state.kubectl)}:${process.env.PATH}`,
      };
      const applyAsReadme = (folder: string) => {
        progress(command);
        return execFileSync('bash', ['-c', `set -eo pipefail; ${command}`], { cwd: dirname(dirname(folder)), env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      };
      const minterJobs = () => kubectl(['get', 'jobs', '-n', ns, '-l', 'app.kubernetes.io/component=minter', '-o', 'name']).split('\n').filter(Boolean).sort();

      const first = await synthBotConfig(ns, [noRasa]);
      applyAsReadme(first);
      const key = await generatedKey(ns);
      await widgetTokens(ns, ['website']);
      const [firstJob] = minterJobs();
      await healthy([{ kind: 'Job', metadata: { name: firstJob!.replace('job.batch/', '') } }], ns);

      const shop = valuesFile({ widgets: [{ name: 'website', url: 'https://bot.example.com' }, { name: 'shop', claims: { sender_id: 'shop' } }] });
      const second = await synthBotConfig(ns, [noRasa, shop]);
      const output = applyAsReadme(second);
      expect(output).toContain(`${firstJob} pruned`);
      const tokens = await widgetTokens(ns, ['website', 'shop']);
      await expectAccepted(tokens['shop.token']!, key);
      const jobs = minterJobs();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).not.toBe(firstJob);
      await healthy([{ kind: 'Job', metadata: { name: jobs[0]!.replace('job.batch/', '') } }], ns);
      expect(secretValue(ns, 'rasa-socketio-jwt', 'jwt-key')).toBe(key);
    });
    deleteNamespace(ns); // frees the node for the next test at once
  }, 600_000);
});
