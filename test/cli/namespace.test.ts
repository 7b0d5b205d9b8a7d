// synth finds the namespace as `helm template` finds .Release.Namespace, and says which it used.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { resolveNamespace } from '../../src/cli/namespace.js';
import { runCli } from '../../src/cli/run.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-ns-'));
}

/** A kubeconfig with two contexts, the current one `lab` in namespace `lab-ns`. */
function kubeconfig(lines: string[] = ['current-context: lab']): string {
  const file = join(tempDir(), 'config');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', ...lines,
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
    'users: [{name: u, user: {token: not-a-real-token}}]',
    'contexts:',
    '- {name: lab, context: {cluster: c, user: u, namespace: lab-ns}}',
    '- {name: bare, context: {cluster: c, user: u}}',
    '- {name: other, context: {cluster: c, user: u, namespace: other-ns}}', '',
  ].join('\n'));
  return file;
}

describe('the namespace synth renders into', () => {
  const home = tempDir();

  test.each<[string, string | undefined, NodeJS.ProcessEnv, string, string]>([
    ['the flag, over everything', 'flag-ns', { HELM_NAMESPACE: 'env-ns', KUBECONFIG: kubeconfig() }, 'flag-ns', '--namespace'],
    ['HELM_NAMESPACE, over the kubeconfig', undefined, { HELM_NAMESPACE: 'env-ns', KUBECONFIG: kubeconfig() }, 'env-ns', 'HELM_NAMESPACE'],
    ["the current context's", undefined, { KUBECONFIG: kubeconfig() }, 'lab-ns', 'context lab of '],
    ['HELM_KUBECONTEXT picking another context', undefined, { KUBECONFIG: kubeconfig(), HELM_KUBECONTEXT: 'other' }, 'other-ns', 'context other of '],
  ])('%s', (_, flag, env, namespace, source) => {
    const found = resolveNamespace(flag, { HOME: home, ...env });
    expect(found.namespace).toBe(namespace);
    expect(found.source.startsWith(source)).toBe(true);
  });

  test('KUBECONFIG lists files as kubectl merges them: the first that sets current-context wins, missing files are skipped', () => {
    const first = kubeconfig(['current-context: other']);
    const second = kubeconfig(['current-context: lab']);
    expect(resolveNamespace(undefined, { KUBECONFIG: `/nonexistent/config:${first}:${second}` })).toEqual({
      namespace: 'other-ns', source: `context other of ${first}`,
    });
  });

  test('~/.kube/config when KUBECONFIG is unset', () => {
    const withConfig = tempDir();
    mkdirSync(join(withConfig, '.kube'));
    writeFileSync(join(withConfig, '.kube', 'config'), readFileSync(kubeconfig(), 'utf8'));
    expect(resolveNamespace(undefined, {}, withConfig)).toEqual({ namespace: 'lab-ns', source: `context lab of ${withConfig}/.kube/config` });
  });

  test("without a namespace anywhere: Helm's last resort, default, saying why", () => {
    const lastResort = (why: string) => ({ namespace: 'default', source: `Helm's last resort: ${why}` });
    expect(resolveNamespace(undefined, { HOME: home })).toEqual(
      lastResort(`no --namespace, no HELM_NAMESPACE and no kubeconfig at ${home}/.kube/config`));
    const noCurrent = kubeconfig([]);
    expect(resolveNamespace(undefined, { KUBECONFIG: noCurrent })).toEqual(
      lastResort(`no --namespace, no HELM_NAMESPACE and no current context in KUBECONFIG=${noCurrent}`));
    const file = kubeconfig();
    expect(resolveNamespace(undefined, { KUBECONFIG: file, HELM_KUBECONTEXT: 'bare' })).toEqual(
      lastResort(`no --namespace, no HELM_NAMESPACE, and context bare of ${file} sets none`));
    expect(resolveNamespace(undefined, { KUBECONFIG: file, HELM_KUBECONTEXT: 'gone' })).toEqual(
      lastResort(`no --namespace, no HELM_NAMESPACE, and no context gone in KUBECONFIG=${file}`));
  });

  test('a kubeconfig that is not YAML: default, naming the file and never quoting it', () => {
    const file = join(tempDir(), 'config');
    writeFileSync(file, 'token: "secret-ish\n  [');
    expect(resolveNamespace(undefined, { KUBECONFIG: file })).toEqual({
      namespace: 'default', source: `Helm's last resort: the kubeconfig ${file} cannot be read as YAML`,
    });
  });

  test.each<[string, string | undefined, NodeJS.ProcessEnv, string]>([
    ['the flag', 'my chat', {}, '--namespace ("my chat")'],
    ['HELM_NAMESPACE', undefined, { HELM_NAMESPACE: 'Chat' }, 'HELM_NAMESPACE ("Chat")'],
  ])('a namespace Kubernetes would refuse, from %s, is a usage error naming where it came from', async (_, flag, env, from) => {
    const out = tempDir();
    const result = await runCli(['synth', '-o', out, ...(flag === undefined ? [] : ['-n', flag])], { HOME: home, ...env });
    expect(result).toEqual({
      exitCode: 2, stdout: '',
      stderr: `synth: ${from} must be a namespace name: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. --namespace chat)\n`,
    });
  });

  test('synth renders every object into the namespace found and says on stderr which, unless given by -n', async () => {
    const objectsIn = (dir: string) => parseAllDocuments(readFileSync(join(dir, 'rasa.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const file = kubeconfig();
    const out = tempDir();
    const found = await runCli(['synth', '-o', out], { HOME: home, KUBECONFIG: file });
    expect(found.exitCode).toBe(0);
    expect(found.stderr.split('\n')[0]).toBe(`namespace: lab-ns (context lab of ${file})`);
    const objects = objectsIn(out);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set(['lab-ns']));
    expect(objects.find((o) => o.kind === 'RoleBinding').subjects[0].namespace).toBe('lab-ns');

    const given = await runCli(['synth', '-o', out, '-n', 'chat'], { HOME: home, KUBECONFIG: file });
    expect(given.stderr).not.toContain('namespace:');
    expect(new Set(objectsIn(out).map((o) => o.metadata.namespace))).toEqual(new Set(['chat']));
  });
});
