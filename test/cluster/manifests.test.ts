import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import type { K8sObject } from '../support/render.js';
import { core, createNamespace, describeCluster, kubectl, kubectlResult } from './support.js';

async function synthInto(namespace: string, args: string[] = []): Promise<{ file: string; objects: K8sObject[] }> {
  const out = mkdtempSync(join(tmpdir(), 'rsj-manifests-'));
  const result = await runCli(['synth', '-o', out, '--namespace', namespace, ...args], {});
  if (result.exitCode !== 0) throw new Error(result.stderr);
  const file = join(out, 'rasa.k8s.yaml');
  return { file, objects: parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as K8sObject) };
}

function podFrom(kind: string, objects: K8sObject[], name: string): K8sObject {
  const workload = objects.find((o) => o.kind === kind)!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: workload.spec.template.metadata.labels }, spec: workload.spec.template.spec };
}

describeCluster('the rendered manifests on a real API server (RBAC and Pod Security admission on)', () => {
  let namespace: string;
  let objects: K8sObject[];

  beforeAll(async () => {
    namespace = await createNamespace('manifests');
    const rendered = await synthInto(namespace);
    objects = rendered.objects;
    const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'rsj-test', '-f', rendered.file]);
    if (applied.status !== 0) throw new Error(`kubectl apply failed: ${applied.stderr}`);
  });

  // The defaults name images from Docker Hub, which this cluster cannot pull: the pods are only
  // admitted here, not run, and go with the namespace so they hold no CPU request afterwards.
  afterAll(() => {
    kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
  });

  test('the defaults apply cleanly with kubectl apply --server-side into a restricted namespace', () => {
    // Applying again is a no-op: nothing the API server defaults fights what we render.
    const again = kubectlResult(['apply', '--server-side', '--field-manager', 'rsj-test', '-n', namespace, '-f', '-'],
      objects.map((o) => JSON.stringify(o)).join('\n'));
    expect(again.stderr).not.toMatch(/would violate PodSecurity|conflict/i);
    expect(again.status).toBe(0);
    const names = kubectl(['get', 'deployment,service,configmap,serviceaccount,role,rolebinding,job', '-n', namespace, '-o', 'name'])
      .trim().split('\n').sort();
    expect(names).toEqual(expect.arrayContaining([
      'configmap/rasa-config', 'configmap/rasa-minter', 'deployment.apps/rasa', 'role.rbac.authorization.k8s.io/rasa-minter',
      'rolebinding.rbac.authorization.k8s.io/rasa-minter', 'service/rasa', 'serviceaccount/rasa-minter',
    ]));
    expect(names.some((n) => /^job\.batch\/rasa-minter-[0-9a-f]{10}$/.test(n))).toBe(true);
  });

  test('a Pod from the Rasa pod template is admitted under restricted', async () => {
    const pod = await core().createNamespacedPod({ namespace, body: podFrom('Deployment', objects, 'rasa-probe') });
    expect(pod.metadata?.name).toBe('rasa-probe');
    expect(pod.spec?.containers[0]?.env?.[0]?.valueFrom?.secretKeyRef).toEqual({ name: 'rasa-socketio-jwt', key: 'jwt-key' });
  });

  test('a Pod from the minter Job template is admitted under restricted', async () => {
    const pod = await core().createNamespacedPod({ namespace, body: podFrom('Job', objects, 'minter-probe') });
    expect(pod.spec?.serviceAccountName).toBe('rasa-minter');
  });

  test('a privileged Pod is rejected, so admission is really on', async () => {
    const privileged = podFrom('Deployment', objects, 'privileged-probe');
    privileged.spec.containers[0].securityContext = { privileged: true };
    const refusal = await core().createNamespacedPod({ namespace, body: privileged }).then(() => undefined, (e: { code: number; body: string }) => e);
    expect(refusal?.code).toBe(403);
    expect(JSON.parse(refusal!.body).message).toContain('is forbidden: violates PodSecurity "restricted:latest": privileged');
  });

  test('a changed setting re-applies onto the same Deployment: the selector is stable', async () => {
    const changed = await synthInto(namespace, ['-f', writeValues('rasa:\n  image:\n    tag: "3.6.20"\n')]);
    const applied = kubectlResult(['apply', '--server-side', '--field-manager', 'rsj-test', '-f', changed.file]);
    expect(applied.stderr).not.toMatch(/field is immutable/);
    expect(applied.status).toBe(0);
    expect(kubectl(['get', 'deployment', 'rasa', '-n', namespace, '-o', 'jsonpath={.spec.template.spec.containers[0].image}']))
      .toBe('docker.io/rasa/rasa:3.6.20');
  });
});

function writeValues(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-values-')), 'values.yaml');
  writeFileSync(file, text);
  return file;
}
