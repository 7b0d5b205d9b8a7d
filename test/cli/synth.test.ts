import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-synth-'));
}

function objectsIn(file: string): Array<Record<string, any>> {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS());
}

/** Every file of a flat folder with its contents. */
function contentsOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const OUTPUT_LIST_HEADER = '# Files rasa-socketio-jwt synth wrote to this folder: the next synth removes or replaces them, and nothing else here.';

const NO_MODEL_WARNING = 'warning: the image rasa/rasa holds no model and no model source is set, so Rasa will have none to load ' +
  '(without rasa.api.enabled it exits at start). Set rasa.model.download.url with its sha256, rasa.model.persistence, ' +
  'rasa.model.serverUrl, or an image with the model in it (see "Getting a model in" in the README)\n';

describe('rasa-socketio-jwt synth', () => {
  test('renders the defaults into OUT/<release>.k8s.yaml, warning that the stock image holds no model', async () => {
    const out = tempDir();
    const home = tempDir();
    const result = await runCli(['synth', '-o', out], { HOME: home });
    expect(result).toEqual({
      stdout: `wrote ${out}/rasa.k8s.yaml\n`,
      stderr: `namespace: default (Helm's last resort: no --namespace, no HELM_NAMESPACE and no kubeconfig at ${home}/.kube/config)\n` +
        NO_MODEL_WARNING,
      exitCode: 0,
    });
    expect(objectsIn(join(out, 'rasa.k8s.yaml')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/rasa-config', 'ServiceAccount/rasa', 'Deployment/rasa', 'Service/rasa',
      'ConfigMap/rasa-widgets', 'ServiceAccount/rasa-minter', 'Role/rasa-minter', 'RoleBinding/rasa-minter', 'ConfigMap/rasa-minter',
      expect.stringMatching(/^Job\/rasa-minter-[0-9a-f]{10}$/),
      'NetworkPolicy/rasa', 'NetworkPolicy/rasa-minter',
    ]);
  });

  test('reads values files in order, and names objects after the release and namespace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'socketio:\n  jwtMethod: HS384\nrasa:\n  replicaCount: 1\n');
    writeFileSync(join(dir, 'b.yaml'), 'socketio:\n  jwtKey:\n    secretName: bot-jwt\n');
    const out = join(dir, 'out');
    const result = await runCli(
      ['synth', '-f', join(dir, 'a.yaml'), '--values', join(dir, 'b.yaml'), '-o', out, '--release', 'bot', '--namespace', 'chat'],
      {},
    );
    expect(result.exitCode).toBe(0);
    const objects = objectsIn(join(out, 'bot.k8s.yaml'));
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.metadata).toMatchObject({ name: 'bot-rasa', namespace: 'chat' });
    expect(deployment.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef).toEqual({ name: 'bot-jwt', key: 'jwt-key' });
    expect(objects.find((o) => o.kind === 'ConfigMap')!.data['credentials.yml']).toContain('jwt_method: HS384');
  });

  test('warns on stderr, one line each, of a deprecated setting in use, and renders it as before', async () => {
    const out = tempDir();
    const result = await runCli(['synth', '-f', 'chart/ci/15-deprecated-keygen-values.yaml', '-o', out, '-n', 'chat'], {});
    expect(result).toEqual({
      stdout: `wrote ${out}/rasa.k8s.yaml\n`,
      stderr: "warning: 'minter.keygenJobAnnotations' is deprecated and will be removed in 0.2.0: use 'keyGenerator.jobAnnotations' instead (until then, its entries are applied over it)\n" +
        "warning: 'minter.keygenRbacAnnotations' is deprecated and will be removed in 0.2.0: use 'keyGenerator.rbacAnnotations' instead (until then, its entries are applied over it)\n" +
        NO_MODEL_WARNING,
      exitCode: 0,
    });
    const keygenJob = objectsIn(join(out, 'rasa.k8s.yaml')).find((o) => o.kind === 'Job' && o.metadata.name.startsWith('rasa-keygen-'))!;
    expect(keygenJob.metadata.annotations).toEqual({ 'example.com/owner': 'platform' });
  });

  test('takes the output folder from CDK8S_OUTDIR, as cdk8s synth sets it', async () => {
    const out = tempDir();
    expect((await runCli(['synth'], { CDK8S_OUTDIR: out })).stdout).toBe(`wrote ${out}/rasa.k8s.yaml\n`);
  });

  test('bad settings exit 2 and name every broken setting', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'socketio:\n  jwtKey:\n    secretName: ""\n    secretKey: ""\n');
    const result = await runCli(['synth', '-f', join(dir, 'bad.yaml'), '-o', join(dir, 'out')], {});
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe([
      'synth: invalid settings:',
      "- 'socketio.jwtKey.secretName' is empty: name the Secret that holds the JWT key (--set socketio.jwtKey.secretName=<name>); without a key the socketio channel would be open to anyone",
      "- 'socketio.jwtKey.secretKey' is empty: name the key inside the Secret (--set socketio.jwtKey.secretKey=<key>); without a key the socketio channel would be open to anyone",
      '',
    ].join('\n'));
  });

  test('a missing or malformed values file exits 2 with its path', async () => {
    const dir = tempDir();
    expect(await runCli(['synth', '-f', join(dir, 'nope.yaml')], {})).toMatchObject({
      exitCode: 2, stderr: expect.stringContaining(`cannot read values file ${join(dir, 'nope.yaml')}`),
    });
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(await runCli(['synth', '-f', join(dir, 'list.yaml')], {})).toMatchObject({
      exitCode: 2, stderr: `synth: values file ${join(dir, 'list.yaml')} must hold a YAML map of settings\n`,
    });
  });

  test('unknown options and commands exit 2 with usage', async () => {
    expect(await runCli(['synth', '--bogus'], {})).toMatchObject({ exitCode: 2, stderr: "synth: Unknown option '--bogus'\n" });
    expect(await runCli(['bogus'], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("unknown command 'bogus'") });
    expect(await runCli([], {})).toMatchObject({ exitCode: 2, stdout: expect.stringContaining('usage: rasa-socketio-jwt') });
  });

  test.each<[string, string[], string]>([
    ['an empty release', ['--release', ''], 'synth: --release ("") must be a name of at most 53 lower-case letters, digits and \'-\', starting and ending with a letter or digit, as Helm requires of a release (e.g. --release bot)\n'],
    ['a release Helm would refuse', ['--release', 'My_Bot'], 'synth: --release ("My_Bot") must be a name of at most 53 lower-case letters, digits and \'-\', starting and ending with a letter or digit, as Helm requires of a release (e.g. --release bot)\n'],
    ['a release of 54 characters', ['--release', 'a'.repeat(54)], `synth: --release ("${'a'.repeat(54)}") must be a name of at most 53 lower-case letters, digits and '-', starting and ending with a letter or digit, as Helm requires of a release (e.g. --release bot)\n`],
    ['a namespace with a space', ['--namespace', 'my chat'], 'synth: --namespace ("my chat") must be a namespace name: at most 63 lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. --namespace chat)\n'],
  ])('%s is a usage error: exit 2, nothing written', async (_, args, stderr) => {
    const out = tempDir();
    expect(await runCli(['synth', '-o', out, ...args], {})).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(readdirSync(out)).toEqual([]);
  });

  test('a second synth removes the files of the first, and keeps files it did not write', async () => {
    const parent = tempDir();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    writeFileSync(join(out, 'other.k8s.yaml'), 'kind: List\n');
    expect((await runCli(['synth', '-o', out, '--release', 'first'], {})).exitCode).toBe(0);
    expect((await runCli(['synth', '-o', out, '--release', 'second'], {})).stdout).toBe(`wrote ${out}/second.k8s.yaml\n`);
    expect(readdirSync(out).sort()).toEqual(['.rasa-socketio-jwt-files', 'notes.txt', 'other.k8s.yaml', 'second.k8s.yaml']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(out, 'other.k8s.yaml'), 'utf8')).toBe('kind: List\n');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  test('bad values leave the output folder exactly as it was, and no temp folder beside it', async () => {
    const parent = tempDir();
    const out = join(parent, 'out');
    expect((await runCli(['synth', '-o', out, '--release', 'bot'], {})).exitCode).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const before = contentsOf(out);
    expect(Object.keys(before)).toEqual(['.rasa-socketio-jwt-files', 'bot.k8s.yaml', 'notes.txt']);
    writeFileSync(join(parent, 'bad.yaml'), 'rasa:\n  port: 0\n');

    expect(await runCli(['synth', '-f', join(parent, 'bad.yaml'), '-o', out, '--release', 'other'], {})).toEqual({
      exitCode: 2, stdout: '', stderr: "synth: invalid settings:\n- 'rasa.port' must be at least 1 (got 0)\n",
    });
    expect(contentsOf(out)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(['bad.yaml', 'out']);
  });

  test('an edited list of written files cannot remove anything outside the folder', async () => {
    const parent = tempDir();
    const out = join(parent, 'out');
    mkdirSync(join(out, 'sub'), { recursive: true });
    writeFileSync(join(parent, 'outside.txt'), 'keep\n');
    writeFileSync(join(out, 'sub', 'inner.txt'), 'keep\n');
    writeFileSync(join(out, '.hidden'), 'keep\n');
    writeFileSync(join(out, 'stale.k8s.yaml'), 'kind: List\n');
    writeFileSync(join(out, '.rasa-socketio-jwt-files'),
      [OUTPUT_LIST_HEADER, '../outside.txt', `${parent}/outside.txt`, 'sub/inner.txt', 'sub', '..', '.hidden', 'stale.k8s.yaml', ''].join('\n'));

    expect((await runCli(['synth', '-o', out], {})).exitCode).toBe(0);
    expect(readFileSync(join(parent, 'outside.txt'), 'utf8')).toBe('keep\n');
    expect(readFileSync(join(out, 'sub', 'inner.txt'), 'utf8')).toBe('keep\n');
    expect(readdirSync(out).sort()).toEqual(['.hidden', '.rasa-socketio-jwt-files', 'rasa.k8s.yaml', 'sub']);
  });

  test('the list in the output folder names exactly the files written', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    expect((await runCli(['synth', '-o', out, '--release', 'bot'], {})).exitCode).toBe(0);
    expect(readFileSync(join(out, '.rasa-socketio-jwt-files'), 'utf8')).toBe(`${OUTPUT_LIST_HEADER}\nbot.k8s.yaml\n`);
    expect(readdirSync(out).sort()).toEqual(['.rasa-socketio-jwt-files', 'bot.k8s.yaml', 'notes.txt']);
  });

  test('--help documents the options and the exit statuses', async () => {
    expect((await runCli(['--help'], {})).stdout).toMatch(/exit status:\n {2}0 {2}done\n {2}1 {2}a check said no\n {2}2 {2}bad command line/);
    expect((await runCli(['synth', '--help'], {})).stdout).toContain('--release NAME');
    expect((await runCli(['synth', '--help'], {})).stdout).toContain('nothing else in DIR is touched');
  });
});

describe('the built entry points (npm test builds lib/ first)', () => {
  test('the bin prints usage and the cdk8s app renders into CDK8S_OUTDIR', () => {
    expect(execFileSync('node', ['lib/cli/bin.js', '--help'], { encoding: 'utf8' })).toContain('synth');
    const out = tempDir();
    const run = spawnSync('node', ['lib/main.js'], { encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: out } });
    expect(run.status).toBe(0);
    expect(objectsIn(join(out, 'rasa.k8s.yaml'))).toHaveLength(12);
  });

  test('cdk8s.yaml runs that app and writes to dist/', () => {
    const config = readFileSync('cdk8s.yaml', 'utf8');
    expect(config).toMatch(/^app: node lib\/main\.js$/m);
    expect(config).toMatch(/^output: dist$/m);
  });
});
