import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigSource } from '../../src/cli/kubeconfig.js';
import { runCli } from '../../src/cli/run.js';
import { unreachableKubeconfig } from '../support/unreachable-kubeconfig.js';

const KEY = '0123456789abcdef0123456789abcdef';
const TO_CONFIGMAP = ['mint', '--key-env', 'RSJ_KEY', '--to-configmap', 'rasa-widgets', '-n', 'bots'];
const FIX = 'to use another cluster, set KUBECONFIG=/path/to/kubeconfig or run `kubectl config use-context NAME`';

function emptyHome(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-home-'));
}


describe('which cluster the CLI talks to', () => {
  test('no KUBECONFIG, no ~/.kube/config and not a pod: refused before any request, naming the file and the fix', async () => {
    const home = emptyHome();
    const result = await runCli(TO_CONFIGMAP, { RSJ_KEY: KEY, HOME: home });
    expect(result).toEqual({
      exitCode: 3, stdout: '',
      stderr: `mint: no kubeconfig: KUBECONFIG is not set and ${home}/.kube/config does not exist (nor is this a pod with a service account); ${FIX}\n`,
    });
  });

  test('KUBECONFIG naming a file that does not exist', async () => {
    const result = await runCli(TO_CONFIGMAP, { RSJ_KEY: KEY, HOME: emptyHome(), KUBECONFIG: '/nonexistent/kubeconfig' });
    expect(result).toEqual({ exitCode: 3, stdout: '', stderr: `mint: KUBECONFIG names /nonexistent/kubeconfig, which does not exist; ${FIX}\n` });
  });

  test('the order kubectl uses: KUBECONFIG, then ~/.kube/config, then the pod\'s service account', () => {
    const home = emptyHome();
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), '');
    expect(kubeconfigSource({ KUBECONFIG: join(home, '.kube', 'config') }, home, false)).toEqual({ kind: 'env', files: [join(home, '.kube', 'config')] });
    expect(kubeconfigSource({}, home, false)).toEqual({ kind: 'home', file: join(home, '.kube', 'config') });
    expect(kubeconfigSource({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, emptyHome(), true)).toEqual({ kind: 'in-cluster' });
    expect(() => kubeconfigSource({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, emptyHome(), false)).toThrow(/no kubeconfig/);
  });

  test('an unreachable cluster: the server, context and kubeconfig tried, and how to point at another; the key never shown', async () => {
    const file = unreachableKubeconfig();
    const result = await runCli(TO_CONFIGMAP, { RSJ_KEY: KEY, HOME: emptyHome(), KUBECONFIG: file });
    expect(result.exitCode).toBe(3);
    // Without an io, runCli puts what the command said while it waited (test/cli/progress.test.ts) before the error.
    expect(result.stderr.slice(result.stderr.indexOf('mint: '))).toBe('mint: could not write ConfigMap bots/rasa-widgets: gave up after 6 attempts; last: cannot reach https://127.0.0.1:1: ECONNREFUSED. ' +
      'The previous ConfigMap, if any, is unchanged. ' +
      `It tried https://127.0.0.1:1 as the user robot of context lab in KUBECONFIG=${file}; ${FIX}\n`);
    expect(result.stderr).not.toContain(KEY);
    expect(result.stderr).not.toContain('not-a-real-token');
  }, 60_000);
});
