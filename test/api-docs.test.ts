// The committed API reference, docs/api/, is what TypeDoc writes from src/index.ts and its TSDoc
// (typedoc.config.mjs). TypeDoc runs here as `npm run docs` does, but into a scratch folder, never
// over docs/api/; an export without a doc comment fails it, and so does a stale reference, file by file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoDir = fileURLToPath(new URL('..', import.meta.url));
const committedDir = join(repoDir, 'docs/api');

/** Every file under dir, by its path relative to dir, with its text. */
function files(dir: string): Map<string, string> {
  const found = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(found.map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [relative(dir, path), readFileSync(path, 'utf8')] as const;
  }).sort(([a], [b]) => a.localeCompare(b)));
}

describe('docs/api', () => {
  const artifactsDir = join(repoDir, 'test-artifacts');
  let outDir: string;
  beforeAll(() => {
    mkdirSync(artifactsDir, { recursive: true });
    outDir = mkdtempSync(join(artifactsDir, 'api-docs-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('is the reference TypeDoc writes from src/index.ts (run `npm run docs` after a change to the API or its TSDoc)', () => {
    const typedoc = spawnSync(process.execPath, [join(repoDir, 'node_modules/typedoc/bin/typedoc'), '--out', outDir],
      { cwd: repoDir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    // treatWarningsAsErrors: an undocumented export or member, or a broken {@link}, stops TypeDoc.
    if (typedoc.status !== 0) throw new Error(`typedoc failed:\n${typedoc.stdout}${typedoc.stderr}`);

    const fresh = files(outDir);
    const committed = files(committedDir);
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    // The stale files by name, and the first one's difference.
    const stale = [...fresh.keys()].filter((path) => committed.get(path) !== fresh.get(path));
    expect({ stale, first: committed.get(stale[0]!) }).toEqual({ stale: [], first: fresh.get(stale[0]!) });
  }, 180_000);

  // cdk8s's convention: each optional prop says what it is when left out, a literal or `@default -`
  // and what happens then. The settings' defaults come from the schema (scripts/generate-types.mjs).
  test('every optional prop of an exported Props interface has @default', () => {
    const program = ts.createProgram([join(repoDir, 'src/index.ts')], {
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true,
    });
    const checker = program.getTypeChecker();
    const index = checker.getSymbolAtLocation(program.getSourceFile(join(repoDir, 'src/index.ts'))!)!;
    const props = checker.getExportsOfModule(index)
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .flatMap((symbol) => symbol.declarations ?? [])
      .filter((d): d is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(d) && d.name.text.endsWith('Props'));
    expect(props.map((d) => d.name.text)).toContain('RasaBotProps');
    const optional = props.flatMap((d) => d.members.filter(ts.isPropertySignature).filter((m) => m.questionToken)
      .map((m) => ({ name: `${d.name.text}.${m.name.getText()}`, tags: ts.getJSDocTags(m).map((t) => t.tagName.text) })));
    expect(optional.length).toBeGreaterThan(0);
    expect(optional.filter((m) => !m.tags.includes('default')).map((m) => m.name)).toEqual([]);
  });
});
