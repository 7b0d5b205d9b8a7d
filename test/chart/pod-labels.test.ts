// A new chart version alone must not touch a pod template: it would restart the Rasa pods, and on
// the `helm template | kubectl apply` path fail on the minter Job's pod template, which is immutable.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHelm, helm, parseObjects } from './helm.js';
import type { K8sObject } from '../support/render.js';

function render(chartDir: string): K8sObject[] {
  const result = helm(['template', 'bot', chartDir]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseObjects(result.stdout);
}

const podTemplates = (objects: K8sObject[]) => objects
  .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
  .map((o) => ({ kind: o.kind, name: o.metadata.name, template: o.spec.template }));

describeHelm('pod templates and the chart version', () => {
  test('the objects carry helm.sh/chart, their pod templates do not', () => {
    const objects = render('chart');
    for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'Job')) {
      expect(o.metadata.labels['helm.sh/chart']).toMatch(/^rasa-/);
      expect(o.spec.template.metadata.labels).not.toHaveProperty('helm.sh/chart');
    }
  });

  test('a chart version bump leaves every pod template and the Job names as they were', () => {
    const bumped = join(mkdtempSync(join(tmpdir(), 'rsj-bump-')), 'chart');
    cpSync('chart', bumped, { recursive: true });
    const chartYaml = readFileSync(join(bumped, 'Chart.yaml'), 'utf8');
    writeFileSync(join(bumped, 'Chart.yaml'), chartYaml.replace(/^version: .*$/m, 'version: 99.0.0'));
    const after = render(bumped);
    expect(after.find((o) => o.kind === 'Deployment')!.metadata.labels['helm.sh/chart']).toBe('rasa-99.0.0');
    expect(podTemplates(after)).toEqual(podTemplates(render('chart')));
  });
});
