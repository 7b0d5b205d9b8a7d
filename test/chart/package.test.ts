import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeHelm, helm, parseObjects } from './helm.js';

describe('chart/README.md', () => {
  test('its parameters table is what readme-generator-for-helm makes of values.yaml (npm run readme:chart)', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'rsj-readme-')), 'README.md');
    copyFileSync('chart/README.md', copy);
    execFileSync('node', ['node_modules/@bitnami/readme-generator-for-helm/bin/index.js', '--values', 'chart/values.yaml', '--readme', copy], { stdio: 'pipe' });
    expect(readFileSync('chart/README.md', 'utf8')).toBe(readFileSync(copy, 'utf8'));
  });
});

describe('chart/Chart.yaml', () => {
  test('names the default Rasa version as appVersion and sets kubeVersion', () => {
    const chart = parse(readFileSync('chart/Chart.yaml', 'utf8'));
    const values = parse(readFileSync('chart/values.yaml', 'utf8'));
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'rasa', appVersion: values.rasa.image.tag });
    expect(chart.kubeVersion).toMatch(/^>=1\.\d+/);
  });
});

describeHelm('helm package', () => {
  test('makes an archive that renders the same objects as the chart folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'rsj-package-'));
    const result = helm(['package', 'chart', '--destination', out]);
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(['rasa-0.1.0.tgz']);
    const fromArchive = helm(['template', 'bot', join(out, 'rasa-0.1.0.tgz')]);
    const fromFolder = helm(['template', 'bot', 'chart']);
    expect(fromArchive.status).toBe(0);
    expect(parseObjects(fromArchive.stdout)).toEqual(parseObjects(fromFolder.stdout));
  });
});
