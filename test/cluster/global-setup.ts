import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from '../e2e/report.ts';
import { builtTestbed, startTestbed, STATE_ENV, type ClusterState } from './testbed.ts';

/**
 * Starts the single-node test cluster once for the whole run. In CI a missing or broken cluster
 * fails the run; on a laptop without the binaries the cluster and e2e tests are skipped, and this
 * says which and how to build them.
 */
export default async function globalSetup(): Promise<void> {
  // The e2e report is of this run only.
  rmSync(ARTIFACTS, { recursive: true, force: true });
  const state = decide();
  process.env[STATE_ENV] = JSON.stringify(state);
  if (state.mode === 'unavailable') {
    process.stderr.write(`\n[cluster] cluster and e2e tests SKIPPED (test/cluster/, test/e2e/): ${state.reason}\n` +
      '[cluster] build the test bed with: bash scripts/with-env.sh --for-tests npm test\n' +
      '[cluster] or use a cluster of your own: RSJ_TEST_KUBECONFIG=~/.kube/kind-config npm test\n\n');
  } else {
    process.stderr.write(`\n[cluster] cluster tests run against ${state.mode === 'testbed' ? `the test bed (Kubernetes ${state.version})` : 'RSJ_TEST_KUBECONFIG'} at ${state.server}\n`);
  }
}

function decide(): ClusterState {
  const external = process.env.RSJ_TEST_KUBECONFIG;
  if (external) return { mode: 'external', kubeconfig: external, server: `the current context of ${external}`, kubectl: 'kubectl' };
  if (!builtTestbed()) {
    const reason = 'the test cluster\'s binaries are not built on this machine (scripts/testbed/build.sh)';
    if (process.env.CI) throw new Error(`CI needs the test cluster, but ${reason}`);
    return { mode: 'unavailable', reason };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rsj-testbed-'));
  // A test bed that does not start is a failure anywhere: the binaries are there. The images the
  // e2e tests run (scripts/images/build.sh, via scripts/test-deps) are imported into its node.
  const images = (process.env.RSJ_TEST_IMAGES ?? '').split(':').filter(Boolean);
  if (images.length === 0 && process.env.CI) throw new Error('CI needs RSJ_TEST_IMAGES (set by scripts/with-env.sh --for-tests) for the e2e tests');
  const env = startTestbed(dir, images);
  // The test bed's own kubectl: the same version as its API server, whatever kubectl the machine has.
  return {
    mode: 'testbed', dir, kubeconfig: env.KUBECONFIG!, server: env.TESTBED_SERVER!, version: env.TESTBED_K8S_VERSION!,
    kubectl: env.TESTBED_KUBECTL!,
  };
}
