// Bundles the in-cluster minter (src/minter/in-cluster.ts, with jose) into one ES module that the
// stock Node image runs from a ConfigMap: chart/files/minter.mjs, shipped by the chart and the
// constructs alike. A test rebuilds it and fails when the committed file differs.
//   node scripts/bundle-minter.mjs            write chart/files/minter.mjs
//   node scripts/bundle-minter.mjs --stdout   print the bundle instead
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/minter/in-cluster.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  write: false,
  legalComments: 'inline',
  charset: 'utf8',
  banner: {
    js: '// rasa-socketio-jwt minter, generated from src/minter/ by scripts/bundle-minter.mjs: do not edit.\n' +
      '// Includes jose (https://github.com/panva/jose), MIT licence.',
  },
  logLevel: 'warning',
});
const text = result.outputFiles[0].text;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else writeFileSync(new URL('../chart/files/minter.mjs', import.meta.url), text);
