// Part of `npm run build`, after tsc and scripts/compile-schema.mjs: bundles the CLI (tsc's
// lib/cli/bin.js and what it imports) with esbuild into lib/cli/rasa-socketio-jwt.js, the package's
// bin, so that a command loads a few files instead of some sixty modules of ours, the `yaml`
// package's fifty and cdk8s-plus-27's, cdk8s's and constructs' hundred, each resolved, read and
// compiled on its own (over a quarter of a synth went to that). Every command is still loaded
// only when it runs: the dynamic imports of src/cli/run.ts become chunks (lib/cli/chunk-*.js) of
// their own, and synth loads cdk8s (in src/cli/bot-app.ts) only after the values are checked.
// cdk8s, cdk8s-plus-27 and constructs are bundled too: the bin runs no code of the user's, so it
// shares no construct with a user's app (which imports lib/index.js and its own peers, unbundled);
// test/cli/bundle.test.ts checks that both write the same. cdk8s brings its own copy of `yaml`;
// when that is the version we depend on, the bundle holds one copy for both.
// Left outside, loaded from node_modules as before: jose and @kubernetes/client-node (only mint,
// verify, status and rotate load them) and ajv (only when there is no precompiled validator). The
// chunks sit in lib/cli/, two levels down like lib/settings/, so the paths they find files by
// (../../chart/, ../settings/values-validator.cjs) are the same from both.
//   node scripts/bundle-cli.mjs
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = new URL('../lib/cli/', import.meta.url);

const versionOf = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).version;
const ours = versionOf('node_modules/yaml');
// cdk8s ships `yaml` as a bundled dependency of its own; without one, it requires ours.
const cdk8sYaml = 'node_modules/cdk8s/node_modules/yaml';
const cdk8s = existsSync(join(root, cdk8sYaml)) ? versionOf(cdk8sYaml) : ours;
if (ours !== cdk8s) {
  console.error(`bundle-cli: cdk8s brings yaml ${cdk8s} and we use ${ours}: the bundle keeps both copies (a slower synth)`);
}

for (const name of readdirSync(out)) {
  if (/^chunk-.*\.js$/.test(name)) rmSync(new URL(name, out));
}

await build({
  absWorkingDir: root,
  entryPoints: { 'rasa-socketio-jwt': 'lib/cli/bin.js' },
  outdir: 'lib/cli',
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['jose', '@kubernetes/client-node', 'ajv'],
  // One copy of `yaml` for us and cdk8s, when they are the same version (see above).
  alias: ours === cdk8s ? { yaml: './node_modules/yaml' } : {},
  // Less to parse at every start (cdk8s-plus-27's doc comments are megabytes); names stay (error
  // classes and constructs keep theirs).
  minifyWhitespace: true,
  minifySyntax: true,
  // No source map: tsc's lib/ keeps its own, and a stack trace of the bundle names its chunk.
  sourcemap: false,
  // The `yaml` package and cdk8s are CommonJS and require node's own modules (process): an ES
  // module has no `require` of its own, so every chunk makes one.
  banner: { js: "import { createRequire as __rsjCreateRequire } from 'node:module';\nconst require = __rsjCreateRequire(import.meta.url);" },
  legalComments: 'inline',
  charset: 'utf8',
  logLevel: 'warning',
});
