// Bundles the in-cluster programs into one ES module each, which the stock Node image runs from a
// ConfigMap, shipped by the chart and the constructs alike:
//   chart/files/minter.mjs  the minter (src/minter/in-cluster.ts, with jose)
//   chart/files/keygen.mjs  the key generator (src/keygen/main.ts)
//   chart/files/demo.mjs    the demo page server (src/demo/main.ts, node's own modules only)
// Each carries only what its entry imports (the kube helpers of src/minter/kube/ are shared). A test
// rebuilds each and fails when a committed file differs.
//   node scripts/bundle-minter.mjs                   write every file
//   node scripts/bundle-minter.mjs --stdout NAME     print one bundle instead (minter, keygen or demo)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const PROGRAMS = {
  minter: {
    entry: 'src/minter/in-cluster.ts',
    banner: '// rasa-socketio-jwt minter, generated from src/minter/ by scripts/bundle-minter.mjs: do not edit.\n' +
      '// Includes jose (https://github.com/panva/jose), MIT licence.',
  },
  keygen: {
    entry: 'src/keygen/main.ts',
    banner: '// rasa-socketio-jwt key generator, generated from src/keygen/ by scripts/bundle-minter.mjs: do not edit.',
  },
  demo: {
    entry: 'src/demo/main.ts',
    banner: '// rasa-socketio-jwt demo page server, generated from src/demo/ by scripts/bundle-minter.mjs: do not edit.',
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundle({ entry, banner }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    write: false,
    legalComments: 'inline',
    charset: 'utf8',
    banner: { js: banner },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

const stdout = process.argv.indexOf('--stdout');
if (stdout >= 0) {
  const name = process.argv[stdout + 1];
  if (!Object.hasOwn(PROGRAMS, name)) {
    console.error(`--stdout takes one of ${Object.keys(PROGRAMS).join(', ')}`);
    process.exit(2);
  }
  process.stdout.write(await bundle(PROGRAMS[name]));
} else {
  for (const [name, program] of Object.entries(PROGRAMS)) {
    writeFileSync(new URL(`../chart/files/${name}.mjs`, import.meta.url), await bundle(program));
  }
}
