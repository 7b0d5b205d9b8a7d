// Every chart/ci values file, rendered and handed to a real API server: the objects that only a
// server can judge (schemas of HPAs, Ingresses, PDBs, volumes and containers of every kind) must be
// accepted, and every pod template must pass Pod Security `restricted`, which the API server warns
// about for workloads in an enforcing namespace. test/chart/equivalence.test.ts shows that helm
// renders the same objects from these files, so this judges the chart's output too.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { createNamespace, describeCluster, kubectlResult } from './support.js';

const CI_FILES = readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).sort();

/**
 * Files that break `restricted` on purpose, with the reason. The test fails when one of them
 * stops breaking it, so this list cannot go stale.
 */
const BREAKS_RESTRICTED: Readonly<Record<string, string>> = {};

describeCluster('every chart/ci values file on a real API server (server-side dry run, restricted namespace)', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace('ci-values');
  });

  afterAll(() => {
    kubectlResult(['delete', 'namespace', namespace, '--wait=false']);
  });

  test.each(CI_FILES)('%s is accepted', async (file) => {
    const out = mkdtempSync(join(tmpdir(), 'rsj-ci-values-'));
    const synth = await runCli(['synth', '-f', `chart/ci/${file}`, '-o', out, '--release', 'bot', '--namespace', namespace], {});
    expect(synth.exitCode).toBe(0);
    const manifest = join(out, 'bot.k8s.yaml');
    expect(readFileSync(manifest, 'utf8').length).toBeGreaterThan(0);
    const applied = kubectlResult(['apply', '--server-side', '--dry-run=server', '--field-manager', 'rsj-test', '-f', manifest]);
    expect({ status: applied.status, stderr: applied.stderr.replace(/^Warning: would violate PodSecurity.*$/gm, '') })
      .toEqual({ status: 0, stderr: expect.not.stringMatching(/error|invalid|forbidden/i) });
    const violates = /would violate PodSecurity "restricted/.test(applied.stderr);
    expect({ file, violates }).toEqual({ file, violates: file in BREAKS_RESTRICTED });
  });
});
