import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_LIST, replaceOutputFiles } from '../../src/cli/output-folder.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rsj-output-'));
}

/** Every file of a flat folder with its contents. */
function contentsOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

function writeFiles(files: Record<string, string>) {
  return (staging: string): void => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text);
  };
}

describe('replaceOutputFiles', () => {
  test('a render that throws after writing leaves the folder as it was and no staging folder', () => {
    const parent = tempDir();
    const out = join(parent, 'out');
    replaceOutputFiles(out, writeFiles({ 'bot.k8s.yaml': 'old\n' }));
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const before = contentsOf(out);

    expect(() => replaceOutputFiles(out, (staging) => {
      writeFiles({ 'bot.k8s.yaml': 'half\n', 'next.k8s.yaml': 'new\n' })(staging);
      throw new Error('render failed');
    })).toThrow('render failed');
    expect(contentsOf(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  test('a render that throws into a folder that does not exist yet does not create it', () => {
    const parent = tempDir();
    expect(() => replaceOutputFiles(join(parent, 'out'), () => {
      throw new Error('render failed');
    })).toThrow('render failed');
    expect(readdirSync(parent)).toEqual([]);
  });

  test('creates the folder and its parents, and returns the names written', () => {
    const root = tempDir();
    const out = join(root, 'a', 'b', 'out');
    expect(replaceOutputFiles(out, writeFiles({ 'x.k8s.yaml': 'x\n', 'construct-metadata.json': '{}' })))
      .toEqual(['construct-metadata.json', 'x.k8s.yaml']);
    expect(contentsOf(out)).toEqual({
      [OUTPUT_LIST]: `# Files rasa-socketio-jwt synth wrote to this folder: the next synth removes or replaces them, and nothing else here.
construct-metadata.json
x.k8s.yaml
`,
      'construct-metadata.json': '{}',
      'x.k8s.yaml': 'x\n',
    });
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['out']);
  });

  test('a symlinked folder is replaced where it points, and stays a symlink', () => {
    const root = tempDir();
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'notes.txt'), 'mine\n');
    symlinkSync(join(root, 'real'), join(root, 'link'));
    replaceOutputFiles(join(root, 'link'), writeFiles({ 'bot.k8s.yaml': 'bot\n' }));
    expect(Object.keys(contentsOf(join(root, 'real')))).toEqual([OUTPUT_LIST, 'bot.k8s.yaml', 'notes.txt']);
    expect(readdirSync(root).sort()).toEqual(['link', 'real']);
  });
});
