import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { isPlainObject } from '../../src/settings/index.js';
import type { K8sObject } from '../support/render.js';

/** The helm binary, or undefined. In CI a missing helm fails the run instead of skipping. */
function findHelm(): string | undefined {
  const found = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  if (found.status === 0) return 'helm';
  if (process.env.CI) throw new Error('CI needs helm on PATH (scripts/with-env.sh --for-tests installs it)');
  process.stderr.write('[chart] helm is not on PATH: chart tests SKIPPED (bash scripts/with-env.sh --for-tests npm test installs it)\n');
  return undefined;
}

export const HELM = findHelm();
export const describeHelm = HELM ? describe : describe.skip;

export function helm(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(HELM!, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The objects of a multi-document YAML text, with each List unwrapped into its items, as kubectl,
 * Helm and Argo CD apply them (the chart renders hook objects that come before a Job as one List).
 */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter((o) => o !== null)
    .flatMap((o) => (o.kind === 'List' ? o.items as K8sObject[] : [o]));
}

/**
 * What `helm template` renders that synth renders too: the objects less the test hooks
 * (`helm.sh/hook: test`, the chart's `helm test` pod). `helm test` is Helm's alone, so synth has no
 * twin to compare them with; --skip-tests still renders their templates, so a template that fails
 * still fails here. test/chart/helm-test-pod.test.ts holds the test pod.
 */
export function helmTemplate(release: string, namespace: string, valuesFiles: readonly string[]): K8sObject[] {
  const result = helm(['template', release, 'chart', '--namespace', namespace, '--skip-tests', ...valuesFiles.flatMap((f) => ['-f', f])]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseObjects(result.stdout);
}

export async function synthObjects(release: string, namespace: string, valuesFiles: readonly string[]): Promise<K8sObject[]> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-equiv-'));
  const result = await runCli(['synth', '-o', out, '--release', release, '--namespace', namespace, ...valuesFiles.flatMap((f) => ['-f', f])], {});
  if (result.exitCode !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return parseObjects(readFileSync(join(out, `${release}.k8s.yaml`), 'utf8'));
}

const HELM_ONLY_LABELS = ['helm.sh/chart', 'app.kubernetes.io/managed-by'];

/** Removes what only Helm adds: its two labels and its hook annotations, wherever they are. */
export function withoutHelmMetadata(value: unknown, key = ''): unknown {
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
export function differences(a: unknown, b: unknown, path = ''): string[] {
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

export const byId = (objects: K8sObject[]) =>
  new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, withoutHelmMetadata(o) as K8sObject]));
