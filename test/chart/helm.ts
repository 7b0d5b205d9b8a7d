import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run.js';
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

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter((o) => o !== null);
}

export function helmTemplate(release: string, namespace: string, valuesFiles: readonly string[]): K8sObject[] {
  const result = helm(['template', release, 'chart', '--namespace', namespace, ...valuesFiles.flatMap((f) => ['-f', f])]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseObjects(result.stdout);
}

export async function synthObjects(release: string, namespace: string, valuesFiles: readonly string[]): Promise<K8sObject[]> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-equiv-'));
  const result = await runCli(['synth', '-o', out, '--release', release, '--namespace', namespace, ...valuesFiles.flatMap((f) => ['-f', f])], {});
  if (result.exitCode !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return parseObjects(readFileSync(join(out, `${release}.k8s.yaml`), 'utf8'));
}
