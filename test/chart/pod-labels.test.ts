// A new chart version alone must not touch a pod template: it would restart the Rasa pods, and on
// the `helm template | kubectl apply` path fail on the minter Job's pod template, which is immutable.
// Helm alone renders helm.sh/chart (the constructs have no chart version); here every kind of pod
// the chart can run: Rasa, the Jobs, the re-mint CronJob, the action server, the demo page and the
// helm test pod.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHelm, helm, parseObjects, synthObjects } from './helm.js';
import type { K8sObject } from '../support/render.js';

/** The defaults, and the files that turn on the CronJob, the action server and the demo page. */
const VALUES = [[], ['chart/ci/20-action-server-values.yaml'], ['chart/ci/22-remint-values.yaml'], ['chart/ci/23-demo-values.yaml']];

function render(chartDir: string, valuesFiles: readonly string[]): K8sObject[] {
  const result = helm(['template', 'bot', chartDir, ...valuesFiles.flatMap((f) => ['-f', f])]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseObjects(result.stdout);
}

/** Every pod the objects make: a Deployment's or Job's template, a CronJob's job template's, a bare Pod. */
function podTemplates(objects: K8sObject[]): Array<{ id: string; template: K8sObject }> {
  return objects.flatMap((o) => {
    const id = `${o.kind}/${o.metadata.name}`;
    if (o.kind === 'Deployment' || o.kind === 'Job') return [{ id, template: o.spec.template }];
    if (o.kind === 'CronJob') return [{ id, template: o.spec.jobTemplate.spec.template }];
    if (o.kind === 'Pod') return [{ id, template: { metadata: o.metadata, spec: o.spec } }];
    return [];
  });
}

function bumpedChart(version: string): string {
  const bumped = join(mkdtempSync(join(tmpdir(), 'rsj-bump-')), 'chart');
  cpSync('chart', bumped, { recursive: true });
  const chartYaml = readFileSync(join(bumped, 'Chart.yaml'), 'utf8');
  writeFileSync(join(bumped, 'Chart.yaml'), chartYaml.replace(/^version: .*$/m, `version: ${version}`));
  return bumped;
}

describeHelm('pod templates and the chart version', () => {
  test('every kind of pod is rendered by these values', () => {
    const kinds = new Set(VALUES.flatMap((files) => podTemplates(render('chart', files)).map((p) => p.id.split('/')[0])));
    expect([...kinds].sort()).toEqual(['CronJob', 'Deployment', 'Job', 'Pod']);
    const names = VALUES.flatMap((files) => podTemplates(render('chart', files)).map((p) => p.id));
    expect(names).toEqual(expect.arrayContaining([
      'Deployment/bot-rasa', 'Deployment/bot-rasa-actions', 'Deployment/bot-rasa-demo', expect.stringMatching(/^CronJob\/.*-remint$/), 'Pod/bot-rasa-socketio-test',
    ]));
  });

  test.each(VALUES.map((files) => [files.join(', ') || 'the defaults', files]))('with %s the objects carry helm.sh/chart, their pod templates do not', (_, files) => {
    const objects = render('chart', files as string[]);
    for (const o of objects.filter((x) => x.kind !== 'Pod')) expect(o.metadata.labels['helm.sh/chart']).toBe('rasa-socketio-jwt-0.1.0');
    for (const { id, template } of podTemplates(objects)) expect([id, template.metadata.labels]).toEqual([id, expect.not.objectContaining({ 'helm.sh/chart': expect.anything() })]);
  });

  test.each(VALUES.map((files) => [files.join(', ') || 'the defaults', files]))('with %s a chart version bump leaves every pod template and every name as they were', (_, files) => {
    const after = render(bumpedChart('99.0.0'), files as string[]);
    const before = render('chart', files as string[]);
    expect(after.find((o) => o.kind === 'Deployment')!.metadata.labels['helm.sh/chart']).toBe('rasa-socketio-jwt-99.0.0');
    expect(podTemplates(after)).toEqual(podTemplates(before));
    expect(after.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(before.map((o) => `${o.kind}/${o.metadata.name}`));
  });

  test('synth renders no helm.sh/chart label at all, so nothing of it depends on the chart version', async () => {
    for (const files of VALUES) {
      const objects = await synthObjects('bot', 'chat', files);
      expect(objects.length).toBeGreaterThan(0);
      expect(objects.filter((o) => JSON.stringify(o).includes('helm.sh/chart')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    }
  });
});
