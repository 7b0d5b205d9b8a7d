import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtTestbed, startTestbed, STATE_ENV, type ClusterState } from './testbed.ts';

/**
 * Starts the API server test bed once for the whole run. In CI a missing or broken test bed
 * fails the run; on a laptop without the binaries the cluster tests are skipped, and this says
 * which and how to build them.
 */
export default async function globalSetup(): Promise<void> {
  const state = decide();
  process.env[STATE_ENV] = JSON.stringify(state);
  if (state.mode === 'unavailable') {
    process.stderr.write(`\n[cluster] cluster tests SKIPPED (test/cluster/*.test.ts): ${state.reason}\n` +
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
    const reason = 'kube-apiserver and etcd are not built on this machine (scripts/testbed/build.sh)';
    if (process.env.CI) throw new Error(`CI needs the API server test bed, but ${reason}`);
    return { mode: 'unavailable', reason };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rsj-testbed-'));
  // A test bed that does not start is a failure anywhere: the binaries are there.
  const env = startTestbed(dir);
  // The test bed's own kubectl: the same version as its API server, whatever kubectl the machine has.
  return {
    mode: 'testbed', dir, kubeconfig: env.KUBECONFIG!, server: env.TESTBED_SERVER!, version: env.TESTBED_K8S_VERSION!,
    kubectl: env.TESTBED_KUBECTL!,
  };
}
