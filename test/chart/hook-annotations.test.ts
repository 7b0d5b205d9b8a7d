// The hook annotations as README.md and values.yaml describe them: the key generator's objects are
// hooks and the minter's plain by default; null turns a map of them off, an entry set to null
// removes that one, {} changes nothing (Helm merges a map from a values file into the default one),
// and the minter becomes a hook again when its maps say so. Both renderers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../support/render.js';
import { byId, describeHelm, differences, helm, helmTemplate, synthObjects } from './helm.js';

function valuesFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-hooks-')), 'values.yaml');
  writeFileSync(file, text);
  return file;
}

/** Every helm.sh/hook* annotation of the minter's and the key generator's objects, as "Kind/name key=value". */
function hookAnnotations(objects: readonly K8sObject[]): string[] {
  return objects.filter((o) => /-(minter|keygen)(-|$)/.test(o.metadata.name)).flatMap((o) => Object.entries(o.metadata.annotations ?? {})
    .filter(([key]) => key.startsWith('helm.sh/hook'))
    .map(([key, value]) => `${o.kind}/${o.metadata.name} ${key}=${value}`)).sort();
}

function annotationsOf(objects: readonly K8sObject[], kind: string, namePrefix: string): Record<string, string> | undefined {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name.startsWith(namePrefix));
  expect(found).toHaveLength(1);
  return found[0]!.metadata.annotations;
}

const GENERATE = 'socketio:\n  jwtKey:\n    generate: true\n';
const ALL_FOUR = (value: string) =>
  `${GENERATE}minter:\n  jobAnnotations: ${value}\n  rbacAnnotations: ${value}\nkeyGenerator:\n  jobAnnotations: ${value}\n  rbacAnnotations: ${value}\n`;

describeHelm('the hook annotations (minter.jobAnnotations, .rbacAnnotations, keyGenerator.jobAnnotations, .rbacAnnotations)', () => {
  test('by default the key generator\'s objects are pre-install hooks and the minter\'s plain; {} changes nothing', () => {
    const defaults = hookAnnotations(helmTemplate('bot', 'chat', [valuesFile(GENERATE)]));
    expect(defaults).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Job\/bot-rasa-keygen-\w+ helm\.sh\/hook=pre-install,pre-upgrade,pre-rollback$/),
      'Role/bot-rasa-keygen helm.sh/hook-weight=-15',
    ]));
    expect(defaults.filter((a) => a.includes('-minter'))).toEqual([]);
    expect(hookAnnotations(helmTemplate('bot', 'chat', [valuesFile(ALL_FOUR('{}'))]))).toEqual(defaults);
  });

  test('the minter is a post-install hook again with the two maps the README gives; synth stays plain', async () => {
    const hook = (weight: string) =>
      `    helm.sh/hook: post-install,post-upgrade,post-rollback\n    helm.sh/hook-weight: "${weight}"\n    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded\n`;
    const file = valuesFile(`minter:\n  jobAnnotations:\n${hook('0')}  rbacAnnotations:\n${hook('-5')}`);
    expect(hookAnnotations(helmTemplate('bot', 'chat', [file])).filter((a) => a.includes('helm.sh/hook='))).toEqual([
      'ConfigMap/bot-rasa-minter helm.sh/hook=post-install,post-upgrade,post-rollback',
      expect.stringMatching(/^Job\/bot-rasa-minter-\w+ helm\.sh\/hook=post-install,post-upgrade,post-rollback$/),
      'NetworkPolicy/bot-rasa-minter helm.sh/hook=post-install,post-upgrade,post-rollback',
      'Role/bot-rasa-minter helm.sh/hook=post-install,post-upgrade,post-rollback',
      'RoleBinding/bot-rasa-minter helm.sh/hook=post-install,post-upgrade,post-rollback',
      'ServiceAccount/bot-rasa-minter helm.sh/hook=post-install,post-upgrade,post-rollback',
    ]);
    expect(hookAnnotations(await synthObjects('bot', 'chat', [file]))).toEqual([]);
  });

  test('a script Job and its objects, hooks of the same events, are one List document: one hook for Helm, each item with its own annotations for Argo CD', () => {
    const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter((o) => o !== null);
    const render = (values: string) => {
      const rendered = helm(['template', 'bot', 'chart', '--namespace', 'chat', '--skip-tests', '-f', valuesFile(values)]);
      expect(rendered.stderr).toBe('');
      return documents(rendered.stdout);
    };
    const hook = (weight: string) => ({
      'helm.sh/hook': 'pre-install,pre-upgrade,pre-rollback', 'helm.sh/hook-weight': weight, 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const itemIds = (list: K8sObject) => (list.items as K8sObject[]).map((o) => `${o.kind}/${o.metadata.name.replace(/-\w{10}$/, '-<hash>')}`);

    const defaults = render(GENERATE);
    const keygen = defaults.filter((o) => /-keygen(-|$)/.test(o.metadata?.name));
    expect(keygen.map((o) => o.kind)).toEqual(['List']);
    expect(keygen[0]!.metadata).toEqual({ name: 'bot-rasa-keygen', annotations: hook('-10') });
    // In the order Helm creates them: the Job's ServiceAccount, rights and policy exist before its pod.
    expect(itemIds(keygen[0]!)).toEqual([
      'ServiceAccount/bot-rasa-keygen', 'Role/bot-rasa-keygen', 'RoleBinding/bot-rasa-keygen', 'ConfigMap/bot-rasa-keygen',
      'NetworkPolicy/bot-rasa-keygen', 'Job/bot-rasa-keygen-<hash>',
    ]);
    expect((keygen[0]!.items as K8sObject[]).map((o) => o.metadata.annotations)).toEqual([...Array(5).fill(hook('-15')), hook('-10')]);
    // Plain objects (the minter's by default) stay documents of their own.
    expect(defaults.filter((o) => /-minter(-|$)/.test(o.metadata?.name)).map((o) => o.kind).sort())
      .toEqual(['ConfigMap', 'Job', 'NetworkPolicy', 'Role', 'RoleBinding', 'ServiceAccount']);

    // A Job kept after it succeeds (another delete policy) is a hook of its own; its objects, still
    // deleted once it succeeds, stay one List.
    const kept = render(`${GENERATE}keyGenerator:\n  jobAnnotations:\n    helm.sh/hook-delete-policy: null\n`)
      .filter((o) => /-keygen(-|$)/.test(o.metadata?.name));
    expect(kept.map((o) => o.kind).sort()).toEqual(['Job', 'List']);
    const keptList = kept.find((o) => o.kind === 'List')!;
    expect(keptList.metadata).toEqual({ name: 'bot-rasa-keygen', annotations: hook('-15') });
    expect(itemIds(keptList)).toHaveLength(5);
  });

  test('null turns them off: no object carries a hook annotation, and both renderers render the same objects', async () => {
    const file = valuesFile(ALL_FOUR('null'));
    const fromHelm = helmTemplate('bot', 'chat', [file]);
    const fromSynth = await synthObjects('bot', 'chat', [file]);
    expect(hookAnnotations(fromHelm)).toEqual([]);
    expect(hookAnnotations(fromSynth)).toEqual([]);
    expect(fromHelm.filter((o) => o.kind === 'Job').map((o) => o.metadata.name).sort())
      .toEqual([expect.stringMatching(/^bot-rasa-keygen-\w+$/), expect.stringMatching(/^bot-rasa-minter-\w+$/)]);
    const helmById = byId(fromHelm);
    const synthById = byId(fromSynth);
    expect([...helmById.keys()].sort()).toEqual([...synthById.keys()].sort());
    expect([...helmById.keys()].flatMap((id) => differences(helmById.get(id), synthById.get(id)).map((d) => `${id} ${d}`))).toEqual([]);
  });

  test('an entry set to null removes that one; the others stay, and annotations of your own reach both renderers', async () => {
    const file = valuesFile(`${GENERATE}minter:\n  jobAnnotations:\n    example.com/owner: chat-team\n` +
      'keyGenerator:\n  jobAnnotations:\n    helm.sh/hook-weight: null\n    example.com/owner: chat-team\n');
    const fromHelm = helmTemplate('bot', 'chat', [file]);
    const fromSynth = await synthObjects('bot', 'chat', [file]);
    expect(annotationsOf(fromHelm, 'Job', 'bot-rasa-minter-')).toEqual({ 'example.com/owner': 'chat-team' });
    expect(annotationsOf(fromHelm, 'Job', 'bot-rasa-keygen-')).toEqual({
      'helm.sh/hook': 'pre-install,pre-upgrade,pre-rollback', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded', 'example.com/owner': 'chat-team',
    });
    expect(annotationsOf(fromSynth, 'Job', 'bot-rasa-minter-')).toEqual({ 'example.com/owner': 'chat-team' });
    expect(annotationsOf(fromSynth, 'Job', 'bot-rasa-keygen-')).toEqual({ 'example.com/owner': 'chat-team' });
  });
});
