// The plan is the part both renderers share: it must build without the cdk8s side, so that the CLI
// and anything else can read it without loading cdk8s.
import { readdirSync, readFileSync } from 'node:fs';

const PLAN_DIR = 'src/plan';
const FORBIDDEN = /^(cdk8s|cdk8s-plus-27|constructs)(\/|$)|(^|\/)constructs\//;

/** Every module a file imports or re-exports, type-only ones included. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/\b(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)]
    .map((m) => (m[1] ?? m[2])!);
}

describe('src/plan', () => {
  const files = readdirSync(PLAN_DIR).filter((f) => f.endsWith('.ts'));

  test('has modules to check', () => {
    expect(files).toEqual(expect.arrayContaining(['bot-plan.ts', 'index.ts']));
  });

  test.each(files)('%s imports nothing from cdk8s, cdk8s-plus-27, constructs or src/constructs', (file) => {
    const imports = importsOf(readFileSync(`${PLAN_DIR}/${file}`, 'utf8'));
    expect(imports.filter((m) => FORBIDDEN.test(m))).toEqual([]);
  });

  test('the check catches each kind of forbidden import', () => {
    const text = [
      "import { Chart } from 'cdk8s';",
      "import * as kplus from 'cdk8s-plus-27';",
      "import type { Construct } from 'constructs';",
      "export * from '../constructs/index.js';",
      "const lazy = await import('../constructs/rasa-bot.js');",
      "import { fullname } from './names.js';",
    ].join('\n');
    expect(importsOf(text).filter((m) => FORBIDDEN.test(m))).toEqual([
      'cdk8s', 'cdk8s-plus-27', 'constructs', '../constructs/index.js', '../constructs/rasa-bot.js',
    ]);
  });
});

test('the mint command takes the minter\'s input from the plan, not from the constructs', () => {
  const imports = importsOf(readFileSync('src/cli/commands/mint.ts', 'utf8'));
  expect(imports).toContain('../../plan/index.js');
  expect(imports.filter((m) => FORBIDDEN.test(m))).toEqual([]);
});
