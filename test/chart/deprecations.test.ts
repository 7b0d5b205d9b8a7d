// Renamed settings keep working under their old names, with a warning, alike in both renderers:
// the CLI warns on stderr, the chart in its NOTES, in the same words; and the key generator's
// annotations come out the same from the chart's helper as from its plan twin.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { readValuesFiles } from '../../src/cli/values-files.js';
import { keyGeneratorAnnotations } from '../../src/plan/index.js';
import { DEPRECATED_SETTINGS, deprecationWarnings, REMOVED_IN, resolveSettings, type SettingsInput } from '../../src/settings/index.js';
import { describeHelm, helm, parseObjects } from './helm.js';

const ALIASES_FILE = 'chart/ci/15-deprecated-keygen-values.yaml';

function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-deprecated-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

/** The WARNING lines of the chart's NOTES, as `helm install` prints them. */
function helmWarnings(file: string): string[] {
  const result = helm(['install', 'bot', 'chart', '--dry-run=client', '-f', file]);
  if (result.status !== 0) throw new Error(result.stderr);
  const notes = result.stdout.slice(result.stdout.indexOf('\nNOTES:\n'));
  return notes.split('\n').filter((line) => line.startsWith('WARNING: ')).map((line) => line.slice('WARNING: '.length))
    .filter((line) => line.includes('deprecated'));
}

/** The CLI's warning lines for the same values. */
async function synthWarnings(file: string): Promise<string[]> {
  const result = await runCli(['synth', '-f', file, '-o', mkdtempSync(join(tmpdir(), 'rsj-deprecated-out-'))], {});
  if (result.exitCode !== 0) throw new Error(result.stderr);
  return result.stderr.split('\n').filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length))
    .filter((line) => line.includes('deprecated'));
}

describe('the deprecated settings', () => {
  const schema = JSON.parse(readFileSync('chart/values.schema.json', 'utf8'));

  test('are those the schema marks deprecated, each described as "Deprecated: use <replacement>"', () => {
    const marked = Object.entries(schema.properties.minter.properties as Record<string, { deprecated?: boolean; description: string }>)
      .filter(([, node]) => node.deprecated).map(([key, node]) => ({ path: `minter.${key}`, description: node.description }));
    expect(marked.map((m) => m.path)).toEqual(DEPRECATED_SETTINGS.map((d) => d.path));
    for (const { path, replacement } of DEPRECATED_SETTINGS) {
      expect(marked.find((m) => m.path === path)!.description).toMatch(new RegExp(`^Deprecated: use ${replacement.replace('.', '\\.')},`));
    }
  });

  test('warn only when a values file sets them (entries, or null)', () => {
    expect(deprecationWarnings(resolveSettings())).toEqual([]);
    expect(deprecationWarnings(resolveSettings({ minter: { keygenJobAnnotations: {} } }))).toEqual([]);
    expect(deprecationWarnings(resolveSettings({ keyGenerator: { jobAnnotations: { a: 'b' } } }))).toEqual([]);
    expect(deprecationWarnings(resolveSettings({ minter: { keygenRbacAnnotations: null } }))).toEqual([
      "'minter.keygenRbacAnnotations' is deprecated and will be removed in 0.2.0: use 'keyGenerator.rbacAnnotations' instead (until then, its entries are applied over it)",
    ]);
    expect(deprecationWarnings(resolveSettings(...readValuesFiles([ALIASES_FILE])))).toHaveLength(2);
  });

  test(`CHANGELOG.md says, under Deprecated, that each keeps working until ${REMOVED_IN} drops it, one minor version on`, () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    const [major, minor] = version.split('.').map(Number);
    expect(REMOVED_IN).toBe(`${major}.${minor! + 1}.0`);
    const unreleased = changelog.slice(changelog.indexOf('## [Unreleased]'), changelog.indexOf(`## [${version}]`));
    const deprecated = unreleased.slice(unreleased.indexOf('### Deprecated'));
    expect(deprecated.indexOf('### Deprecated')).toBe(0);
    const section = deprecated.slice(0, deprecated.indexOf('\n## ') === -1 ? undefined : deprecated.indexOf('\n## ')).replace(/\s+/g, ' ');
    for (const { path, replacement } of DEPRECATED_SETTINGS) {
      expect(section).toContain(`\`${path}\``);
      expect(section).toContain(`\`${replacement}\``);
    }
    expect(section).toContain(`removed in ${REMOVED_IN}`);
    // The schema (and so values.yaml's @param lines and the chart's README table) says the same.
    const minter = JSON.parse(readFileSync('chart/values.schema.json', 'utf8')).properties.minter.properties as Record<string, { description: string }>;
    for (const { path } of DEPRECATED_SETTINGS) expect(minter[path.split('.')[1]!]!.description).toContain(`until ${REMOVED_IN} drops it`);
  });
});

describeHelm('the chart and the CLI alike', () => {
  test(`warn in the same words (NOTES and stderr) for ${ALIASES_FILE}`, async () => {
    const warnings = await synthWarnings(ALIASES_FILE);
    expect(warnings).toEqual(deprecationWarnings(resolveSettings(...readValuesFiles([ALIASES_FILE]))));
    expect(warnings).toHaveLength(2);
    expect(helmWarnings(ALIASES_FILE)).toEqual(warnings);
  });

  test('say nothing of deprecation with the defaults', async () => {
    const file = valuesFile({});
    expect(helmWarnings(file)).toEqual([]);
    expect(await synthWarnings(file)).toEqual([]);
  });

  // Helm's hook annotations are compared too: the equivalence test leaves them out.
  test.each<[string, SettingsInput]>([
    ['the defaults', {}],
    ['the new settings', { keyGenerator: { jobAnnotations: { 'helm.sh/hook-weight': '-3', a: 'b' }, rbacAnnotations: null } }],
    ['old entries over the new, a null entry removing one', {
      keyGenerator: { jobAnnotations: { a: 'new' } },
      minter: { keygenJobAnnotations: { a: 'old', 'helm.sh/hook-delete-policy': null }, keygenRbacAnnotations: { b: 'c' } },
    }],
    ['an old map set to null, which removes them all', { minter: { keygenJobAnnotations: null } }],
  ])('give the key generator the same annotations: %s', (_, values) => {
    const withGenerate = { ...values, socketio: { jwtKey: { generate: true } }, commonAnnotations: { team: 'chat' } };
    const planned = keyGeneratorAnnotations(resolveSettings(withGenerate));
    const result = helm(['template', 'bot', 'chart', '-f', valuesFile(withGenerate)]);
    expect(result.stderr).toBe('');
    const keygen = parseObjects(result.stdout).filter((o) => o.metadata.labels['app.kubernetes.io/component'] === 'keygen');
    expect(keygen.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Job', 'NetworkPolicy', 'Role', 'RoleBinding', 'ServiceAccount']);
    for (const object of keygen) {
      const own = object.kind === 'Job' ? planned.jobAnnotations : planned.rbacAnnotations;
      expect([object.kind, object.metadata.annotations]).toEqual([object.kind, { ...own, team: 'chat' }]);
    }
  });
});
