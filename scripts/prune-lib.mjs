// Part of `npm run build`: tsc writes lib/ but never deletes from it, so a module removed or renamed
// in src/ would live on in lib/ and in the npm package. This removes every compiled file whose
// source is gone (lib/x.js, x.d.ts and x.js.map without src/x.ts), and the folders left empty.
// What other build steps write is kept: the CLI bundle (scripts/bundle-cli.mjs) has neither a
// declaration nor a source map, and lib/settings/values-validator.cjs has another extension.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const COMPILED = /\.(d\.ts|js\.map|js)$/;

function prune(dir) {
  const entries = readdirSync(join('lib', dir), { withFileTypes: true });
  const names = new Set(entries.map((entry) => entry.name));
  const stale = (base) => (names.has(`${base}.d.ts`) || names.has(`${base}.js.map`)) && !existsSync(join('src', dir, `${base}.ts`));
  for (const entry of entries) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(rel);
      if (readdirSync(join('lib', rel)).length === 0) rmdirSync(join('lib', rel));
    } else if (COMPILED.test(entry.name) && stale(entry.name.replace(COMPILED, ''))) {
      rmSync(join('lib', rel));
      console.log(`removed lib/${rel}: src/${rel.replace(COMPILED, '.ts')} is gone`);
    }
  }
}

prune('.');
