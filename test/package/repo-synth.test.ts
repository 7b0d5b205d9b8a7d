// `npx cdk8s synth` in this repository, as the README runs it: cdk8s-cli (a devDependency) reads
// cdk8s.yaml, runs lib/main.js (npm test builds lib/ first) and the manifests land in dist/, which
// git ignores, so the working tree is as it was.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { RasaBot } from '../../src/index.js';
import { repoDir } from '../compat/support.js';
import { run } from '../support/run.js';
import { objectsOf } from './support.js';

const gitStatus = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repoDir, encoding: 'utf8' });

describe('npx cdk8s synth in the repository', () => {
  test('writes the chart\'s defaults to dist/rasa.k8s.yaml, as RasaBot renders them, and leaves git status as it was', async () => {
    const before = gitStatus();
    // --no-check-upgrade: the CLI would ask the registry for a newer cdk8s-cli first. The
    // namespace from HELM_NAMESPACE, as under `helm template`, so the kubeconfig plays no part.
    const synth = await run('npx', ['--no-install', 'cdk8s', 'synth', '--no-check-upgrade'], { ...process.env, HELM_NAMESPACE: 'chat' }, repoDir);
    expect(synth.status).toBe(0);
    expect(synth.stdout).toContain('dist/rasa.k8s.yaml');
    expect(readdirSync(join(repoDir, 'dist')).filter((f) => f.endsWith('.yaml'))).toEqual(['rasa.k8s.yaml']);

    const chart = new Chart(new App(), 'rasa', { disableResourceNameHashes: true });
    new RasaBot(chart, 'Bot', { release: 'rasa', namespace: 'chat' });
    expect(objectsOf(readFileSync(join(repoDir, 'dist/rasa.k8s.yaml'), 'utf8'))).toEqual(Testing.synth(chart));
    expect(gitStatus()).toBe(before);
  }, 120_000);
});
