import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { imageRef } from '../../src/plan/image.js';
import type { ImageSettings } from '../../src/settings/index.js';
import { describeHelm, helm, parseObjects } from './helm.js';

const chartYaml = () => parse(readFileSync('chart/Chart.yaml', 'utf8'));
const packageJson = () => JSON.parse(readFileSync('package.json', 'utf8'));
/** The project's one URL (package.json's homepage less #readme): moving the project is one search for it. */
const projectUrl = () => (packageJson().homepage as string).replace(/#readme$/, '');

/** Every image section of values.yaml ({registry, repository, tag, ...}), wherever it is. */
function defaultImages(value: unknown, path = ''): Array<{ path: string; ref: string }> {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.repository === 'string' && 'tag' in record) return [{ path, ref: imageRef(record as unknown as ImageSettings) }];
  return Object.entries(record).flatMap(([k, v]) => defaultImages(v, path ? `${path}.${k}` : k));
}

describe('chart/README.md', () => {
  test('its parameters table is what readme-generator-for-helm makes of values.yaml (npm run readme:chart)', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'rsj-readme-')), 'README.md');
    copyFileSync('chart/README.md', copy);
    execFileSync('node', ['node_modules/@bitnami/readme-generator-for-helm/bin/index.js', '--values', 'chart/values.yaml', '--readme', copy], { stdio: 'pipe' });
    expect(readFileSync('chart/README.md', 'utf8')).toBe(readFileSync(copy, 'utf8'));
  });
});

describe('chart/Chart.yaml', () => {
  test("has a name of its own (not RasaHQ's rasa), names the default Rasa version as appVersion and sets kubeVersion", () => {
    const chart = chartYaml();
    const values = parse(readFileSync('chart/values.yaml', 'utf8'));
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'rasa-socketio-jwt', appVersion: values.rasa.image.tag });
    expect(chart.name).toBe(packageJson().name);
    expect(chart.version).toBe(packageJson().version);
    expect(chart.kubeVersion).toMatch(/^>=1\.\d+/);
  });

  test("home, sources, maintainers and links point at the project's URL, the one package.json names", () => {
    const url = projectUrl();
    expect(url).toBe('https://github.com/rasa-socketio-jwt/rasa-socketio-jwt');
    expect(packageJson()).toMatchObject({ repository: { type: 'git', url: `git+${url}.git` }, bugs: { url: `${url}/issues` } });
    const chart = chartYaml();
    expect(chart.home).toBe(url);
    expect(chart.sources).toEqual([url]);
    expect(chart.maintainers).toEqual([expect.objectContaining({ name: expect.any(String), url })]);
    const links = parse(chart.annotations['artifacthub.io/links']) as Array<{ name: string; url: string }>;
    expect(links.map((l) => l.name)).toEqual(['Source', 'Documentation', 'Issues']);
    for (const link of links) expect(link.url.startsWith(url)).toBe(true);
    expect(JSON.stringify(chart)).not.toMatch(/rasa\.com|RasaHQ/);
  });

  test('its icon is the SVG in this repository, at its raw URL under the project', () => {
    const icon = chartYaml().icon as string;
    const prefix = `${projectUrl().replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/`;
    expect(icon.startsWith(prefix)).toBe(true);
    const file = icon.slice(prefix.length);
    expect(file).toBe('assets/icon.svg');
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 256 256"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  test('the Artifact Hub annotations: every image the chart can run (the defaults), the license, the changes, not a prerelease', () => {
    const annotations = chartYaml().annotations as Record<string, string>;
    const images = parse(annotations['artifacthub.io/images']) as Array<{ name: string; image: string }>;
    const defaults = defaultImages(parse(readFileSync('chart/values.yaml', 'utf8')));
    expect(defaults.map((d) => d.path).sort()).toEqual(['actionServer.image', 'minter.image', 'rasa.image']);
    expect(images.map((i) => i.image).sort()).toEqual(defaults.map((d) => d.ref).sort());
    expect(images.map((i) => i.name)).toEqual(['rasa', 'rasa-sdk', 'node']);
    expect(annotations['artifacthub.io/license']).toBe(packageJson().license);
    expect(annotations['artifacthub.io/prerelease']).toBe('false');
    const changes = parse(annotations['artifacthub.io/changes']) as Array<{ kind: string; description: string }>;
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(['added', 'changed', 'deprecated', 'removed', 'fixed', 'security']).toContain(change.kind);
      expect(change.description).toEqual(expect.any(String));
    }
  });

  test('LICENSE, the Apache-2.0 text package.json names, is at the root and in chart/', () => {
    expect(packageJson().license).toBe('Apache-2.0');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(readFileSync('chart/LICENSE', 'utf8')).toBe(license);
  });
});

describeHelm('helm lint --strict', () => {
  const ciFiles = readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).sort();
  test.each([['the defaults', []], ...ciFiles.map((f) => [`chart/ci/${f}`, ['-f', `chart/ci/${f}`]])] as Array<[string, string[]]>)('is clean with %s', (_, args) => {
    const result = helm(['lint', '--strict', 'chart', ...args]);
    // --strict fails on a warning; an [INFO] line (e.g. "icon is recommended") it lets pass, so it is refused here too.
    expect(result.stdout.split('\n').filter((line) => /^\[(INFO|WARNING|ERROR)\]/.test(line))).toEqual([]);
    expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.status).toBe(0);
  });
});

describeHelm("the chart's own name renames no object", () => {
  test('objects stay <release>-rasa..., app.kubernetes.io/name stays rasa, and helm.sh/chart names the chart', () => {
    const result = helm(['template', 'bot', 'chart']);
    expect(result.status).toBe(0);
    const objects = parseObjects(result.stdout);
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'Deployment/bot-rasa', 'Service/bot-rasa', 'ConfigMap/bot-rasa-config', 'ConfigMap/bot-rasa-widgets', 'ServiceAccount/bot-rasa',
    ]));
    for (const o of objects) {
      expect([o.metadata.name, o.metadata.name.startsWith('bot-rasa')]).toEqual([o.metadata.name, true]);
      expect(o.metadata.labels['app.kubernetes.io/name']).toBe('rasa');
      // A pod (the helm test pod) carries no chart version, as no pod template does (pod-labels.test.ts).
      expect([o.kind, o.metadata.labels['helm.sh/chart']]).toEqual([o.kind, o.kind === 'Pod' ? undefined : 'rasa-socketio-jwt-0.1.0']);
    }
  });
});

describeHelm('helm package', () => {
  test('makes an archive that renders the same objects as the chart folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'rsj-package-'));
    const result = helm(['package', 'chart', '--destination', out]);
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(['rasa-socketio-jwt-0.1.0.tgz']);
    const archive = join(out, 'rasa-socketio-jwt-0.1.0.tgz');
    const fromArchive = helm(['template', 'bot', archive]);
    const fromFolder = helm(['template', 'bot', 'chart']);
    expect(fromArchive.status).toBe(0);
    expect(parseObjects(fromArchive.stdout)).toEqual(parseObjects(fromFolder.stdout));
  });

  test('the archive holds the LICENSE and the test pod, is lint-clean, and shows its metadata to helm show chart', () => {
    const out = mkdtempSync(join(tmpdir(), 'rsj-package-'));
    expect(helm(['package', 'chart', '--destination', out]).status).toBe(0);
    const archive = join(out, 'rasa-socketio-jwt-0.1.0.tgz');
    const files = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(expect.arrayContaining([
      'rasa-socketio-jwt/LICENSE', 'rasa-socketio-jwt/Chart.yaml', 'rasa-socketio-jwt/values.schema.json',
      'rasa-socketio-jwt/templates/tests/socketio-test-pod.yaml', 'rasa-socketio-jwt/files/socketio-check.mjs',
    ]));
    const lint = helm(['lint', '--strict', archive]);
    expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(lint.status).toBe(0);
    const shown = parse(helm(['show', 'chart', archive]).stdout);
    expect(shown).toEqual(chartYaml());
  });
});
