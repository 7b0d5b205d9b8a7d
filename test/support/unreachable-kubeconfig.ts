import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A kubeconfig whose only cluster listens nowhere: port 1 on loopback refuses at once. */
export function unreachableKubeconfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-kc-')), 'config');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', 'current-context: lab',
    'clusters: [{name: lab, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
    'users: [{name: robot, user: {token: not-a-real-token}}]',
    'contexts: [{name: lab, context: {cluster: lab, user: robot}}]', '',
  ].join('\n'));
  return file;
}
