import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// GitOps pipelines commit synth's output folder and apply everything in it. A half-written folder
// (a render that failed midway) would be applied as it stands, and so would the file of a release
// that was renamed. So the folder changes only after a complete render, and only in the files
// this tool wrote there: people keep their own files next to ours.

/** The list, inside the output folder, of the files the last synth wrote there. */
export const OUTPUT_LIST = '.rasa-socketio-jwt-files';

const OUTPUT_LIST_HEADER = '# Files rasa-socketio-jwt synth wrote to this folder: the next synth removes or replaces them, and nothing else here.';

/** Names synth writes (`<release>.k8s.yaml`, cdk8s's construct-metadata.json); anything else on the list is not ours. */
const WRITTEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Runs `render` into a fresh folder beside `dir` (on the same file system, so every move is an
 * atomic rename), then moves the files it wrote into `dir`, removes those of the previous render
 * that this one did not write, and lists the new ones. If `render` throws, `dir` is left as it
 * was. Returns the names of the files written.
 */
export function replaceOutputFiles(dir: string, render: (staging: string) => void): string[] {
  // A symlinked folder is replaced where it really is, or the renames would cross file systems.
  const target = existsSync(dir) ? realpathSync(dir) : resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  try {
    render(staging);
    const written = readdirSync(staging).sort();
    mkdirSync(target, { recursive: true });
    const previous = readOutputList(target);
    // Listed before they are moved in: a synth interrupted halfway leaves every file it wrote on
    // the list, for the next one to remove.
    writeOutputList(staging, target, [...new Set([...previous, ...written])]);
    for (const name of written) renameSync(join(staging, name), join(target, name));
    for (const name of previous.filter((n) => !written.includes(n))) removeFile(join(target, name));
    writeOutputList(staging, target, written);
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function readOutputList(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, OUTPUT_LIST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // An edited list can never reach outside the folder: no '/', no '..', no hidden names.
  return text.split('\n').filter((name) => WRITTEN_NAME.test(name) && !name.includes('..'));
}

/** We write only files: a folder of a listed name is someone else's, and stays. */
function removeFile(path: string): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) return;
  rmSync(path, { force: true });
}

function writeOutputList(staging: string, dir: string, names: readonly string[]): void {
  const draft = join(staging, OUTPUT_LIST);
  writeFileSync(draft, [OUTPUT_LIST_HEADER, ...names, ''].join('\n'));
  renameSync(draft, join(dir, OUTPUT_LIST));
}
