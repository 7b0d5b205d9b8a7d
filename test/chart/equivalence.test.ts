import { readdirSync } from 'node:fs';
import { isPlainObject } from '../../src/settings/index.js';
import type { K8sObject } from '../support/render.js';
import { describeHelm, helmTemplate, synthObjects } from './helm.js';

const HELM_ONLY_LABELS = ['helm.sh/chart', 'app.kubernetes.io/managed-by'];

/** Removes what only Helm adds: its two labels and its hook annotations, wherever they are. */
function withoutHelmMetadata(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutHelmMetadata(v));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (key === 'labels' && HELM_ONLY_LABELS.includes(k)) continue;
    if (key === 'annotations' && k.startsWith('helm.sh/hook')) continue;
    out[k] = withoutHelmMetadata(v, k);
  }
  if ((key === 'annotations' || key === 'labels') && Object.keys(out).length === 0) return undefined;
  return JSON.parse(JSON.stringify(out));
}

/** Every path at which two values differ, e.g. "spec.template.spec.containers[0].image". */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const paths: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) paths.push(...differences(a[i], b[i], `${path}[${i}]`));
    return paths;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path}: helm ${JSON.stringify(a)?.slice(0, 200)} / synth ${JSON.stringify(b)?.slice(0, 200)}`];
}

const byId = (objects: K8sObject[]) =>
  new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, withoutHelmMetadata(o) as K8sObject]));

const valuesFiles = readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).sort();

describeHelm('helm template and synth render the same objects', () => {
  test('there are enough CI values files to cover the features', () => {
    expect(valuesFiles.length).toBeGreaterThanOrEqual(8);
  });

  test.each(valuesFiles)('chart/ci/%s', async (file) => {
    const values = [`chart/ci/${file}`];
    const fromHelm = byId(helmTemplate('bot', 'chat', values));
    const fromSynth = byId(await synthObjects('bot', 'chat', values));
    expect([...fromHelm.keys()].sort()).toEqual([...fromSynth.keys()].sort());
    const diffs = [...fromHelm.keys()].flatMap((id) => differences(fromHelm.get(id), fromSynth.get(id)).map((d) => `${id} ${d}`));
    expect(diffs).toEqual([]);
  });
});
