import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import type { K8sObject } from '../support/render.js';
import { kubectlResult, run, serviceAccountFiles } from './support.js';

export const KEY = 'cluster-test-key-0123456789abcdefghij';
const MINTER = 'chart/files/minter.mjs';

/** Renders the defaults into `namespace` and applies the minter's objects (SA, Role, binding). */
export async function installMinter(namespace: string, kubeconfig?: string): Promise<{ input: Record<string, any> }> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-minter-'));
  await runCli(['synth', '-o', out, '--namespace', namespace], {});
  const objects = parseAllDocuments(readFileSync(join(out, 'rasa.k8s.yaml'), 'utf8')).map((d) => d.toJS() as K8sObject);
  const minterObjects = objects.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind));
  const applied = kubectlResult(['apply', '--server-side', '-f', '-'], minterObjects.map((o) => JSON.stringify(o)).join('\n'), kubeconfig);
  if (applied.status !== 0) throw new Error(applied.stderr);
  const files = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rasa-minter')!;
  return { input: JSON.parse(files.data['minter.json']) };
}

function inputFile(input: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-input-')), 'minter.json');
  writeFileSync(file, JSON.stringify(input));
  return file;
}

type ServiceAccountFiles = Awaited<ReturnType<typeof serviceAccountFiles>>;

/** Runs the bundled minter as a pod of that service account would: its files, the key from the env. */
export function runMinterAs(sa: ServiceAccountFiles, input: Record<string, unknown>, extraEnv: Record<string, string> = {}) {
  return run('node', [MINTER, inputFile(input)], {
    PATH: process.env.PATH, ...sa.env, MINTER_SERVICE_ACCOUNT_DIR: sa.dir, RASA_SOCKETIO_JWT_KEY: KEY, ...extraEnv,
  });
}

/**
 * The minter's service account files for a pod in `namespace`. `tokenNamespace` takes the token
 * from the minter of another namespace: a pod that somehow runs elsewhere with it.
 */
export async function minterServiceAccount(namespace: string, opts: { tokenNamespace?: string; kubeconfig?: string } = {}): Promise<ServiceAccountFiles> {
  const sa = await serviceAccountFiles(opts.tokenNamespace ?? namespace, 'rasa-minter', opts.kubeconfig);
  writeFileSync(join(sa.dir, 'namespace'), namespace);
  return sa;
}

export async function runMinter(namespace: string, input: Record<string, unknown>, extraEnv: Record<string, string> = {}) {
  return runMinterAs(await minterServiceAccount(namespace), input, extraEnv);
}

