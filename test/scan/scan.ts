// The manifest scanners that users' security teams run on the chart, and what the project answers
// for each finding it keeps: test/scan/exceptions.yaml. scripts/test-deps/50-scanners.sh installs
// both scanners (pinned) and names them in RSJ_CHECKOV and RSJ_KUBE_SCORE.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isSeq, LineCounter, parse, parseAllDocuments, type Node } from 'yaml';
import { run } from '../support/run.js';

export const SCANNERS = ['checkov', 'kube-score'] as const;
export type Scanner = (typeof SCANNERS)[number];

/** One check that failed on one object of one render. */
export interface Finding {
  readonly scanner: Scanner;
  /** Which render: "default" (no values) or "full" (test/scan/full-values.yaml). */
  readonly render: string;
  /** The scanner's id of the check: CKV_K8S_15, container-resources. */
  readonly check: string;
  /** Kind/name of the object it failed on. */
  readonly object: string;
  /** What the scanner says: checkov's check name, kube-score's comment summary. */
  readonly says: string;
  /** Where inside the object, when the scanner says (kube-score: the container). */
  readonly where?: string;
}

/** A finding the chart keeps on purpose, and why (an entry of test/scan/exceptions.yaml). */
export interface Exception {
  readonly scanner: Scanner;
  readonly check: string;
  readonly reason: string;
  /** Only these renders. @default - any render */
  readonly renders?: readonly string[];
  /** Only objects whose Kind/name matches one of these (`*` stands for any characters). @default - any object */
  readonly objects?: readonly string[];
  /** Only findings that say exactly this (kube-score reports several things under one check). @default - any */
  readonly says?: string;
}

/** A part of an exception (one of its renders, one of its object patterns) that no finding needs any more. */
export interface StaleException {
  readonly exception: Exception;
  /** The render it names, or every render when it names none. */
  readonly render: string;
  /** The object pattern, when it names some. */
  readonly object?: string;
}

const EXCEPTION_FIELDS = new Set(['check', 'reason', 'renders', 'objects', 'says']);

/** Reads test/scan/exceptions.yaml: for each scanner a list of {check, reason, renders?, objects?, says?}. */
export function parseExceptions(text: string, renders: readonly string[]): Exception[] {
  const doc = parse(text) as Record<string, unknown> | null;
  const problems: string[] = [];
  const exceptions: Exception[] = [];
  for (const [scanner, entries] of Object.entries(doc ?? {})) {
    if (!(SCANNERS as readonly string[]).includes(scanner)) {
      problems.push(`unknown scanner '${scanner}' (use ${SCANNERS.join(' or ')})`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`'${scanner}' must be a list of {check, reason}`);
      continue;
    }
    entries.forEach((entry: Record<string, unknown>, i) => {
      const at = `${scanner}[${i}]`;
      const unknown = Object.keys(entry ?? {}).filter((k) => !EXCEPTION_FIELDS.has(k));
      if (unknown.length > 0) problems.push(`${at} has unknown fields: ${unknown.join(', ')}`);
      if (typeof entry?.check !== 'string' || !entry.check) problems.push(`${at} has no check`);
      if (typeof entry?.reason !== 'string' || entry.reason.trim().length < 20) problems.push(`${at} (${String(entry?.check)}) needs a reason of a sentence`);
      const listed = entry?.renders as unknown[] | undefined;
      if (listed !== undefined && (!Array.isArray(listed) || listed.some((r) => !renders.includes(r as string)))) {
        problems.push(`${at} renders must be some of ${renders.join(', ')}`);
      }
      const objects = entry?.objects as unknown[] | undefined;
      if (objects !== undefined && (!Array.isArray(objects) || objects.some((o) => typeof o !== 'string' || !o))) {
        problems.push(`${at} objects must be a list of Kind/name patterns`);
      }
      exceptions.push({ scanner: scanner as Scanner, ...entry } as unknown as Exception);
    });
  }
  if (problems.length > 0) throw new Error(`test/scan/exceptions.yaml: ${problems.join('; ')}`);
  return exceptions;
}

/** A Kind/name pattern as a regular expression: `*` stands for any characters, the rest for itself. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export function covers(exception: Exception, finding: Finding): boolean {
  return exception.scanner === finding.scanner && exception.check === finding.check
    && (exception.renders === undefined || exception.renders.includes(finding.render))
    && (exception.says === undefined || exception.says === finding.says)
    && (exception.objects === undefined || exception.objects.some((o) => glob(o).test(finding.object)));
}

/**
 * The findings no exception covers, and the parts of exceptions that cover no finding: each render
 * and each object pattern an exception names must still fail somewhere, so that a fix shows.
 */
export function judge(findings: readonly Finding[], exceptions: readonly Exception[], renders: readonly string[]):
  { unlisted: Finding[]; stale: StaleException[] } {
  const unlisted = findings.filter((f) => !exceptions.some((e) => covers(e, f)));
  const stale: StaleException[] = [];
  for (const exception of exceptions) {
    const used = findings.filter((f) => covers(exception, f));
    for (const render of exception.renders ?? [undefined]) {
      for (const object of exception.objects ?? [undefined]) {
        const needed = used.some((f) => (render === undefined || f.render === render) && (object === undefined || glob(object).test(f.object)));
        if (!needed) stale.push({ exception, render: render ?? renders.join(', '), ...(object === undefined ? {} : { object }) });
      }
    }
  }
  return { unlisted, stale };
}

/**
 * A table of findings, a line per check and what it says, with the renders and objects it failed
 * on (and where in them) and whether the exceptions cover it.
 */
export function findingsTable(findings: readonly Finding[], exceptions: readonly Exception[]): string {
  const groups = new Map<string, { first: Finding; listed: string; renders: Set<string>; objects: Set<string> }>();
  for (const f of [...findings].sort(byColumns)) {
    const listed = exceptions.some((e) => covers(e, f)) ? 'yes' : 'NO';
    const key = [listed, f.scanner, f.check, f.says].join('\0');
    const group = groups.get(key) ?? { first: f, listed, renders: new Set(), objects: new Set() };
    group.renders.add(f.render);
    group.objects.add(f.where ? `${f.object} (${f.where})` : f.object);
    groups.set(key, group);
  }
  const rows = [['listed', 'scanner', 'check', 'says', 'renders', 'objects'],
    ...[...groups.values()].map((g) => [g.listed, g.first.scanner, g.first.check, g.first.says, [...g.renders].join(', '), [...g.objects].join(', ')])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function byColumns(a: Finding, b: Finding): number {
  const key = (f: Finding) => [f.scanner, f.check, f.says, f.render, f.object, f.where ?? ''].join('\0');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** YAML to paste into test/scan/exceptions.yaml for findings that are kept on purpose, a reason each. */
export function exceptionsToAdd(unlisted: readonly Finding[]): string {
  const lines: string[] = [];
  for (const scanner of SCANNERS) {
    const checks = [...new Map(unlisted.filter((f) => f.scanner === scanner)
      .map((f) => [`${f.check}\0${scanner === 'kube-score' ? f.says : ''}`, f])).values()];
    if (checks.length === 0) continue;
    lines.push(`${scanner}:`);
    for (const f of checks) {
      const same = unlisted.filter((u) => u.scanner === scanner && u.check === f.check && (scanner !== 'kube-score' || u.says === f.says));
      const renders = [...new Set(same.map((u) => u.render))];
      // A Job's name ends in a hash of its inputs, which any change moves.
      const objects = [...new Set(same.map((u) => u.object.replace(/-[0-9a-f]{10}$/, '-*')))];
      lines.push(`  - check: ${f.check}`, `    # ${f.says}`);
      if (scanner === 'kube-score') lines.push(`    says: ${JSON.stringify(f.says)}`);
      if (renders.length < 2) lines.push(`    renders: [${renders.join(', ')}]`);
      lines.push(`    objects: [${objects.join(', ')}]`, '    reason: >-', '      WHY THE CHART KEEPS IT');
    }
  }
  return lines.join('\n');
}

/**
 * Which object of a multi-document YAML file holds each line (1-based, as checkov counts), as
 * Kind/name; inside a List, the item (checkov scans a List's items as objects of their own).
 */
export function objectsByLine(text: string): (line: number) => string {
  const counter = new LineCounter();
  const id = (o: { kind?: string; metadata?: { name?: string } } | null) => `${o?.kind}/${o?.metadata?.name}`;
  const starts = parseAllDocuments(text, { lineCounter: counter }).flatMap((doc) => {
    const items = doc.get('kind') === 'List' ? doc.get('items', true) : undefined;
    if (isSeq<Node>(items)) {
      return items.items.map((item) => ({ first: counter.linePos(item.range![0]).line, id: id(item.toJSON() as never) }));
    }
    return [{ first: counter.linePos(doc.range[0]).line, id: id(doc.toJS() as never) }];
  });
  return (line) => {
    const start = starts.findLast((s) => s.first <= line);
    if (!start) throw new Error(`no object holds line ${line}`);
    return start.id;
  };
}

interface CheckovReport {
  readonly summary: { readonly passed: number; readonly failed: number; readonly resource_count: number };
  readonly results: { readonly failed_checks: readonly { check_id: string; check_name: string; file_line_range: [number, number] }[] };
}

/** What checkov reports on a rendered manifest: its summary, and a finding per failed check. */
export interface CheckovResult {
  readonly passed: number;
  readonly resources: number;
  readonly findings: Finding[];
}

/**
 * Runs checkov once on the render in `dir` (one file, `manifest`): it takes seconds to start, so
 * never once per object. --skip-download keeps it off the network (it would ask Prisma Cloud for
 * guidelines and custom policies, and wait for the timeout where there is no network).
 */
export async function runCheckov(checkov: string, dir: string, manifest: string, render: string): Promise<CheckovResult> {
  const { stdout, stderr, status } = await run(checkov,
    ['--framework', 'kubernetes', '--directory', dir, '--output', 'json', '--quiet', '--compact', '--skip-download'],
    { ...process.env, LOG_LEVEL: 'WARNING' });
  let parsed: CheckovReport | CheckovReport[];
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`checkov (exit ${status}) printed no JSON report: ${stderr.slice(-2000)}`);
  }
  const report = Array.isArray(parsed) ? parsed.find((r) => 'results' in r)! : parsed;
  const objectAt = objectsByLine(readFileSync(join(dir, manifest), 'utf8'));
  return {
    passed: report.summary.passed,
    resources: report.summary.resource_count,
    findings: report.results.failed_checks.map((c) => ({
      scanner: 'checkov', render, check: c.check_id, object: objectAt(c.file_line_range[0]), says: c.check_name,
    })),
  };
}

interface KubeScoreObject {
  readonly type_meta: { readonly kind: string };
  readonly object_meta: { readonly name: string };
  readonly checks: readonly {
    readonly check: { readonly id: string };
    readonly grade: number;
    readonly skipped: boolean;
    readonly comments: readonly { path: string; summary: string }[] | null;
  }[];
}

/** kube-score's grades: CRITICAL 1, WARNING 5, ALMOST_OK 7, ALL_OK 10. A warning counts as a finding. */
const KUBE_SCORE_FAILING_GRADE = 5;

/** What kube-score reports on a rendered manifest: the objects it scored, and a finding per failed comment. */
export interface KubeScoreResult {
  readonly scored: string[];
  readonly findings: Finding[];
}

export async function runKubeScore(kubeScore: string, manifest: string, render: string, kubernetesVersion: string): Promise<KubeScoreResult> {
  const { stdout, stderr, status } = await run(kubeScore, ['score', '--output-format', 'json', '--kubernetes-version', kubernetesVersion, manifest]);
  let objects: KubeScoreObject[];
  try {
    objects = JSON.parse(stdout);
  } catch {
    throw new Error(`kube-score (exit ${status}) printed no JSON report: ${stderr.slice(-2000)}`);
  }
  const findings: Finding[] = [];
  for (const o of objects) {
    const object = `${o.type_meta.kind}/${o.object_meta.name}`;
    for (const c of o.checks) {
      if (c.skipped || c.grade > KUBE_SCORE_FAILING_GRADE) continue;
      for (const comment of c.comments ?? [{ path: '', summary: c.check.id }]) {
        findings.push({ scanner: 'kube-score', render, check: c.check.id, object, says: comment.summary, ...(comment.path ? { where: comment.path } : {}) });
      }
    }
  }
  return { scored: objects.map((o) => `${o.type_meta.kind}/${o.object_meta.name}`), findings };
}

const SETUP_HINT = 'bash scripts/with-env.sh --for-tests npm test installs the scanners (scripts/test-deps/50-scanners.sh)';

/**
 * A scanner's executable: from its variable (RSJ_CHECKOV, RSJ_KUBE_SCORE), else where
 * 50-scanners.sh puts the pinned version. Missing: an error in CI, a skip elsewhere.
 */
export function scannerPath(scanner: Scanner): string | undefined {
  const variable = scanner === 'checkov' ? 'RSJ_CHECKOV' : 'RSJ_KUBE_SCORE';
  const script = readFileSync('scripts/test-deps/50-scanners.sh', 'utf8');
  const version = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(script)?.[1];
  const cache = process.env.RSJ_CACHE ?? join(homedir(), '.cache', 'rasa-socketio-jwt');
  const pinned = scanner === 'checkov'
    ? join(cache, 'venvs', `checkov-${version('CHECKOV_VERSION')}`, 'bin', 'checkov')
    : join(cache, 'tools', `kube-score-${version('KUBE_SCORE_VERSION')}`, 'kube-score');
  const path = process.env[variable] || pinned;
  if (existsSync(path)) return path;
  if (process.env.CI) throw new Error(`CI needs ${scanner} (${variable}, or ${pinned}): ${SETUP_HINT}`);
  process.stderr.write(`[scan] ${scanner} is not installed (${variable}, ${pinned}): the scanner test is SKIPPED; ${SETUP_HINT}\n`);
  return undefined;
}
