// Part of `npm run build`, after tsc and scripts/compile-schema.mjs: bundles the CLI (tsc's
// lib/cli/bin.js and what it imports) with esbuild into lib/cli/rasa-socketio-jwt.js, the package's
// bin, so that a command loads a few files instead of
// some sixty modules of ours and the `yaml` package's fifty, each resolved, read and compiled on
// its own (a fifth of a synth went to that). Every command is still loaded only when it runs:
// the dynamic imports of src/cli/run.ts become chunks (lib/cli/chunk-*.js) of their own.
// Left outside, loaded from node_modules as before: cdk8s, cdk8s-plus-27 and constructs (peers
// the user's app shares), jose and @kubernetes/client-node (only mint, verify, status and rotate
// load them), ajv (only when there is no precompiled validator). The chunks sit in lib/cli/, two
// levels down like lib/settings/, so the paths they find files by (../../chart/,
// ../settings/values-validator.cjs) are the same from both.
//   node scripts/bundle-cli.mjs
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = new URL('../lib/cli/', import.meta.url);

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
  external: ['cdk8s', 'cdk8s-plus-27', 'constructs', 'jose', '@kubernetes/client-node', 'ajv'],
  // Less to parse at every start; names stay (error classes and constructs keep theirs).
  minifyWhitespace: true,
  minifySyntax: true,
  // No source map: tsc's lib/ keeps its own, and a stack trace of the bundle names its chunk.
  sourcemap: false,
  // The `yaml` package is CommonJS and requires node's own modules (process): an ES module has
  // no `require` of its own, so every chunk makes one.
  banner: { js: "import { createRequire as __rsjCreateRequire } from 'node:module';\nconst require = __rsjCreateRequire(import.meta.url);" },
  legalComments: 'inline',
  charset: 'utf8',
  logLevel: 'warning',
});
