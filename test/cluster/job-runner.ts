import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchV1Api, PatchStrategy, setHeaderOptions, type V1Job } from '@kubernetes/client-node';
import { adminConfig, core, run, serviceAccountFiles } from './support.js';

/**
 * Stands in for the two parts of a cluster the test bed lacks, the Job controller and the kubelet,
 * for the minter Jobs that Helm creates as hooks: for each new Job it asks admission for the pod
 * (a server-side dry run), runs the container's command on this machine with what the kubelet
 * would give it (the mounted ConfigMap, the ServiceAccount token, env from secretKeyRef), then
 * records Complete or Failed in the Job's status, which Helm waits for. Everything else is real.
 */
export class MinterJobRunner {
  private readonly handled = new Set<string>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  readonly results: Array<{ job: string; status: number | null; stdout: string; stderr: string }> = [];

  constructor(private readonly namespace: string) {}

  start(): void {
    this.loop = this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async poll(): Promise<void> {
    const batch = adminConfig().makeApiClient(BatchV1Api);
    while (!this.stopped) {
      const jobs = await batch.listNamespacedJob({ namespace: this.namespace });
      for (const job of jobs.items) {
        const id = `${job.metadata!.name}/${job.metadata!.uid}`;
        if (this.handled.has(id)) continue;
        this.handled.add(id);
        await this.runJob(batch, job);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async runJob(batch: BatchV1Api, job: V1Job): Promise<void> {
    const name = job.metadata!.name!;
    const spec = job.spec!.template.spec!;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-pod`, labels: job.spec!.template.metadata?.labels }, spec };
    await core().createNamespacedPod({ namespace: this.namespace, body: pod, dryRun: 'All' });

    const container = spec.containers[0]!;
    const mount = container.volumeMounts![0]!;
    const configMapName = spec.volumes!.find((v) => v.name === mount.name)!.configMap!.name!;
    const files = await core().readNamespacedConfigMap({ name: configMapName, namespace: this.namespace });
    const dir = mkdtempSync(join(tmpdir(), 'rsj-pod-'));
    for (const [file, content] of Object.entries(files.data ?? {})) writeFileSync(join(dir, file), content);
    const env: Record<string, string> = {};
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) continue;
      const secret = await core().readNamespacedSecret({ name: ref.name!, namespace: this.namespace });
      env[e.name] = Buffer.from(secret.data![ref.key]!, 'base64').toString('utf8');
    }
    const sa = await serviceAccountFiles(this.namespace, spec.serviceAccountName!);
    const args = container.command!.slice(1).map((a) => a.replace(mount.mountPath, dir));
    const result = await run(container.command![0]!, args, {
      PATH: process.env.PATH, ...env, ...sa.env, MINTER_SERVICE_ACCOUNT_DIR: sa.dir,
    });
    this.results.push({ job: name, ...result });

    const now = new Date().toISOString();
    const condition = (type: string) => ({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now });
    const status = result.status === 0
      ? { startTime: now, completionTime: now, succeeded: 1, conditions: [condition('SuccessCriteriaMet'), condition('Complete')] }
      : { startTime: now, failed: 1, conditions: [condition('FailureTarget'), condition('Failed')] };
    await batch.patchNamespacedJobStatus(
      { name, namespace: this.namespace, body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}
