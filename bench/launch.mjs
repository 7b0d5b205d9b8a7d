// npm run bench: finds the project's Node (24, as scripts/node.sh pins it) and helm (as
// scripts/test-deps/20-helm.sh installs it), builds lib/ and runs bench/run.mjs with both first on
// PATH, so that every process the bench starts runs on them. Without either it refuses, saying what
// to run instead: figures taken on another Node or without helm would not compare with the table.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = process.env.RSJ_CACHE || join(homedir(), '.cache/rasa-socketio-jwt');
const pinned = (file, name) => new RegExp(`^${name}=(\\S+)`, 'm').exec(readFileSync(join(root, file), 'utf8'))[1];
const NODE_VERSION = pinned('scripts/node.sh', 'NODE_VERSION');
const HELM_LAYER_VERSION = pinned('scripts/test-deps/20-helm.sh', 'HELM_LAYER_VERSION');
const INSTEAD = 'run `scripts/with-env.sh --for-tests npm run bench` (it installs both into ~/.cache/rasa-socketio-jwt), ' +
  `or put Node ${NODE_VERSION.split('.')[0]} and helm first on PATH`;

const major = (version) => version.replace(/^v/, '').split('.')[0];
const versionOf = (node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const onPath = (name) => (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((file) => existsSync(file));

function refuse(what) {
  process.stderr.write(`npm run bench: ${what}\n  ${INSTEAD}\n`);
  process.exit(2);
}

const node = [process.execPath, onPath('node'), join(cache, `node-${NODE_VERSION}/bin/node`)]
  .find((file) => file && existsSync(file) && major(versionOf(file)) === major(NODE_VERSION));
if (!node) refuse(`needs Node ${major(NODE_VERSION)} (the project's, ${NODE_VERSION} in scripts/node.sh); found ${process.version} and none in ${cache}`);
const helm = [onPath('helm'), join(cache, `helm-layer-${HELM_LAYER_VERSION}/helm`)]
  .find((file) => file && existsSync(file) && spawnSync(file, ['version', '--short']).status === 0);
if (!helm) refuse(`needs helm: none on PATH nor in ${join(cache, `helm-layer-${HELM_LAYER_VERSION}`)}`);
if (node !== process.execPath) process.stderr.write(`npm run bench: on ${node} (${versionOf(node)}), not this shell's ${process.version}\n`);

const env = { ...process.env, PATH: [dirname(node), dirname(helm), process.env.PATH].join(delimiter) };
for (const command of [['npm', 'run', 'build'], ['node', 'bench/run.mjs', ...process.argv.slice(2)]]) {
  const { status } = spawnSync(command[0], command.slice(1), { cwd: root, env, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
