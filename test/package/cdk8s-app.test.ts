// A user's cdk8s app, laid out as `cdk8s init typescript-app` lays it out (package.json,
// tsconfig.json with the template's strict options and no skipLibCheck, main.ts, cdk8s.yaml;
// `cdk8s init` itself runs `cdk8s import`, which downloads from outside), installs the packed
// tarball from the npm registry twice: with the LOWEST versions the peer ranges allow and the
// template's old @types/node, and with the HIGHEST. Each time the app compiles with tsc against
// our declarations, `cdk8s synth` renders every chart/ci values file through RasaBot, and the
// output must equal this repository's own render of the same values, object for object.
// One `npm install` per case; npm's cache makes a second run quick. Without the registry it fails.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { INSTALL_CLUSTER_CLIENT } from '../../src/cli/kubeconfig.js';
import { parseHelmYaml, RasaBot, type RasaBotProps } from '../../src/index.js';
import { repoDir } from '../compat/support.js';
import { run } from '../support/run.js';
import { CDK8S_PEERS, floorOf, npm, objectsOf, packInto, pkg } from './support.js';

const CI_DIR = join(repoDir, 'chart/ci');
const CASES = readdirSync(CI_DIR).filter((f) => f.endsWith('-values.yaml')).sort();
const chartId = (file: string) => file.replace(/-values\.yaml$/, '');

/** The app's own main.ts, as a user writes it: a chart per values file, the bot in each. */
const MAIN_TS = `import { readdirSync, readFileSync } from 'fs';
import { App, Chart } from 'cdk8s';
import { parseHelmYaml, RasaBot, RasaBotProps } from 'rasa-socketio-jwt';

const app = new App();
for (const file of readdirSync('values')) {
  const chart = new Chart(app, file.replace(/-values\\.yaml$/, ''), { disableResourceNameHashes: true });
  const values = (parseHelmYaml(readFileSync('values/' + file, 'utf8')) ?? {}) as RasaBotProps['values'];
  const bot = new RasaBot(chart, 'Bot', { release: 'bot', namespace: 'chat', values });
  bot.server.deployment.metadata.addLabel('example.com/team', 'web');
}
app.synth();
`;

/** `cdk8s init typescript-app`'s compiler options (cdk8s-cli's template), word for word. */
const TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
    lib: ['es2016'], module: 'CommonJS', noEmit: false, noEmitOnError: true, noFallthroughCasesInSwitch: true,
    noImplicitAny: true, noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true,
    resolveJsonModule: true, strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true,
    target: 'ES2017',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
};

/** This repository's render of one values file, made the way the app makes it. */
function reference(file: string): unknown[] {
  const chart = new Chart(new App(), chartId(file), { disableResourceNameHashes: true });
  const values = (parseHelmYaml(readFileSync(join(CI_DIR, file), 'utf8')) ?? {}) as RasaBotProps['values'];
  const bot = new RasaBot(chart, 'Bot', { release: 'bot', namespace: 'chat', values });
  bot.server.deployment.metadata.addLabel('example.com/team', 'web');
  return Testing.synth(chart);
}

interface Case {
  readonly name: string;
  readonly peers: Record<string, string>;
  readonly typesNode: string;
  /** --prefer-offline for exact versions; the highest asks the registry what is newest now. */
  readonly preferOffline: boolean;
}

const CASES_OF_PEERS: Case[] = [
  {
    name: 'the lowest peer versions allowed, with @types/node ^14 as the template has it',
    peers: Object.fromEntries(CDK8S_PEERS.map((p) => [p, floorOf(pkg.peerDependencies[p]!)])),
    typesNode: '^14',
    preferOffline: true,
  },
  {
    name: 'the highest peer versions allowed',
    peers: Object.fromEntries(CDK8S_PEERS.map((p) => [p, pkg.peerDependencies[p]!])),
    typesNode: pkg.devDependencies['@types/node']!,
    preferOffline: false,
  },
];

/** The app's folder, written as a user writes it, then installed. */
async function installApp(dir: string, tarball: string, { peers, typesNode, preferOffline }: Case): Promise<void> {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'my-bot', version: '1.0.0', main: 'main.js', types: 'main.ts', license: 'Apache-2.0', private: true,
    scripts: { compile: 'tsc --build', synth: 'cdk8s synth' },
    dependencies: { ...peers, 'rasa-socketio-jwt': `file:${tarball}` },
    devDependencies: { '@types/node': typesNode, typescript: pkg.devDependencies.typescript },
  }, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(dir, 'main.ts'), MAIN_TS);
  // The template runs main.ts with ts-node; compiled first here, so the app is plain node.
  writeFileSync(join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\noutput: dist\n');
  cpSync(CI_DIR, join(dir, 'values'), { recursive: true });
  await npm(['install', '--ignore-scripts', ...(preferOffline ? ['--prefer-offline'] : [])], dir, `installing ${JSON.stringify(peers)}`);
}

const appDir = (work: string, { name }: Case) => join(work, name.split(' ')[1]!);

describe('a cdk8s app installs the packed tarball, compiles and synthesizes', () => {
  let work: string;

  // Both installs at once: they wait on the registry more than they work.
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rsj-package-'));
    const tarball = await packInto(work);
    await Promise.all(CASES_OF_PEERS.map((c) => installApp(appDir(work, c), tarball, c)));
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe.each(CASES_OF_PEERS)('$name', (theCase) => {
    const { name, peers } = theCase;
    let app: string;

    beforeAll(() => { app = appDir(work, theCase); });

    test('the installed peers are the versions asked for, one copy each, and @kubernetes/client-node is left out', () => {
      const installed = (p: string) => (JSON.parse(readFileSync(join(app, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
      for (const [peer, asked] of Object.entries(peers)) {
        if (/^\d/.test(asked)) expect(`${peer}@${installed(peer)}`).toBe(`${peer}@${asked}`);
        expect(existsSync(join(app, 'node_modules/rasa-socketio-jwt/node_modules', peer))).toBe(false);
      }
      process.stdout.write(`[package] ${name}: ${CDK8S_PEERS.map((p) => `${p}@${installed(p)}`).join(', ')}, @types/node@${installed('@types/node')}\n`);
      expect(existsSync(join(app, 'node_modules/@kubernetes/client-node'))).toBe(false);
    });

    test('tsc compiles main.ts against the declarations with the template\'s strict options', async () => {
      const tsc = await run(join(app, 'node_modules/.bin/tsc'), ['--build'], process.env, app);
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    }, 120_000);

    test('cdk8s synth renders every chart/ci values file as this repository does', async () => {
      const synth = await run(join(repoDir, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade'], process.env, app);
      expect(synth.stderr).toBe('');
      expect(synth.status).toBe(0);
      expect(readdirSync(join(app, 'dist')).sort()).toEqual(CASES.map((f) => `${chartId(f)}.k8s.yaml`));
      for (const file of CASES) {
        const objects = objectsOf(readFileSync(join(app, 'dist', `${chartId(file)}.k8s.yaml`), 'utf8'));
        expect({ file, objects }).toEqual({ file, objects: reference(file) });
      }
    }, 120_000);

    test('the CLI synthesizes, and a command that talks to a cluster names the install it needs', async () => {
      const bin = join(app, 'node_modules/.bin/rasa-socketio-jwt');
      const synth = await run(bin, ['synth', '-f', 'values/03-widgets-values.yaml', '--release', 'bot', '-n', 'chat', '-o', 'cli-out'], process.env, app);
      // The CLI's own notes (no model source in these values) are all it may say.
      expect(synth.stderr.split('\n').filter((line) => line && !line.startsWith('warning: '))).toEqual([]);
      expect(synth.status).toBe(0);
      const chart = new Chart(new App(), 'bot', { disableResourceNameHashes: true });
      new RasaBot(chart, 'Bot', { release: 'bot', namespace: 'chat', values: parseHelmYaml(readFileSync(join(CI_DIR, '03-widgets-values.yaml'), 'utf8')) as RasaBotProps['values'] });
      expect(objectsOf(readFileSync(join(app, 'cli-out/bot.k8s.yaml'), 'utf8'))).toEqual(Testing.synth(chart));

      const status = await run(bin, ['status', '-n', 'chat'], process.env, app);
      expect(status.stderr).toContain(INSTALL_CLUSTER_CLIENT);
      expect(status.stderr).toContain('optional peer dependency');
      expect(status.status).toBe(3);
    }, 60_000);
  });
});
