// The e2e run's report, artifacts/e2e/report.json (ignored by git): one entry per path a user takes
// to a working chat, with how long it took. Plain TypeScript that node runs by stripping types
// (the global teardown imports it outside ts-jest). Each test file writes its own entries (jest runs files
// in parallel workers); the global teardown merges them into one file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/e2e', import.meta.url));
const PATHS_DIR = `${ARTIFACTS}/paths`;

export interface PathResult {
  passed: boolean;
  /** From the first command of the path (helm install, kubectl apply) to the Rasa pod Ready. */
  secondsToReady: number | null;
  /** From the same start to the bot's first reply to a widget token. */
  secondsToFirstReply: number | null;
  botReply: string | null;
  screenshot: string | null;
}

/** Records one path; `passed` stays false until the path's last check has passed. */
export class PathReport {
  private readonly result: PathResult = { passed: false, secondsToReady: null, secondsToFirstReply: null, botReply: null, screenshot: null };
  private readonly started = Date.now();
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.write();
  }

  private seconds(at = Date.now()): number {
    return Math.round((at - this.started) / 100) / 10;
  }

  /** The Rasa pod turned Ready at `at` (ms since the epoch, e.g. its Ready condition's time). */
  ready(at = Date.now()): void {
    this.result.secondsToReady ??= this.seconds(at);
    this.write();
  }

  replied(text: string): void {
    this.result.secondsToFirstReply ??= this.seconds();
    this.result.botReply ??= text;
    this.write();
  }

  screenshot(file: string): void {
    this.result.screenshot = file;
    this.write();
  }

  passed(): void {
    this.result.passed = true;
    this.write();
  }

  private write(): void {
    mkdirSync(PATHS_DIR, { recursive: true });
    writeFileSync(`${PATHS_DIR}/${this.path}.json`, `${JSON.stringify(this.result, null, 2)}\n`);
  }
}

const HOOK_COST = `${ARTIFACTS}/hook-cost.json`;

/**
 * What the key generator (a pre-install hook) and the minter Job add to `helm install --wait`
 * (test/e2e/hook-cost.test.ts): secondsAdded = secondsAddedBeforeRasa (the pre-install wait: the key
 * generator) + secondsAddedAfterReady (Ready to helm's exit: the minter), each on less off.
 */
export class HookCostReport {
  write(result: { secondsAdded: number; secondsAddedBeforeRasa: number; secondsAddedAfterReady: number } & Record<string, unknown>): void {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(HOOK_COST, `${JSON.stringify(result, null, 2)}\n`);
  }
}

/** Merges the per-path files of this run into report.json; called by the global teardown. */
export function writeReport(): void {
  if (!existsSync(PATHS_DIR)) return;
  const paths: Record<string, PathResult> = {};
  for (const file of readdirSync(PATHS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    paths[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(`${PATHS_DIR}/${file}`, 'utf8')) as PathResult;
  }
  const hookCost = existsSync(HOOK_COST) ? JSON.parse(readFileSync(HOOK_COST, 'utf8')) as unknown : undefined;
  writeFileSync(`${ARTIFACTS}/report.json`, `${JSON.stringify({ paths, ...(hookCost ? { hookCost } : {}) }, null, 2)}\n`);
}
