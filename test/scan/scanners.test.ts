// The scanners that users' security teams run on a chart before they install it: checkov and
// kube-score, on the default render and on a render with every part of the chart turned on
// (test/scan/full-values.yaml), both into a namespace of their own as a user installs them. Every
// failed check must be listed in test/scan/exceptions.yaml with the reason the chart keeps it, and
// every listed check must still fail (a fixed one is taken off the list). No cluster needed.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHelm, helm } from '../chart/helm.js';
import {
  exceptionsToAdd, findingsTable, judge, parseExceptions, runCheckov, runKubeScore, scannerPath,
  type CheckovResult, type Exception, type Finding, type KubeScoreResult,
} from './scan.js';

const NAMESPACE = 'rasa-bot';
/** What the dev cluster and the test bed run; kube-score's own default is v1.18. */
const KUBERNETES_VERSION = 'v1.34';
const RENDERS: Readonly<Record<string, readonly string[]>> = {
  default: [],
  full: ['-f', 'test/scan/full-values.yaml'],
};
const EXCEPTIONS_FILE = 'test/scan/exceptions.yaml';

const checkov = scannerPath('checkov');
const kubeScore = scannerPath('kube-score');
const describeScan = checkov && kubeScore ? describeHelm : describe.skip;

describeScan(`checkov and kube-score on the chart's default and full renders (namespace ${NAMESPACE})`, () => {
  const renders = Object.keys(RENDERS);
  let exceptions: Exception[];
  const checkovResults = new Map<string, CheckovResult>();
  const kubeScoreResults = new Map<string, KubeScoreResult>();
  let findings: Finding[];

  beforeAll(async () => {
    exceptions = parseExceptions(readFileSync(EXCEPTIONS_FILE, 'utf8'), renders);
    const dir = mkdtempSync(join(tmpdir(), 'rsj-scan-'));
    // Both renders at once: checkov spends seconds starting, and the machine has cores to spare.
    await Promise.all(renders.map(async (render) => {
      const result = helm(['template', 'bot', 'chart', '--namespace', NAMESPACE, ...RENDERS[render]!]);
      if (result.status !== 0) throw new Error(`helm template (${render}) failed: ${result.stderr}`);
      const renderDir = join(dir, render);
      mkdirSync(renderDir);
      writeFileSync(join(renderDir, 'chart.yaml'), result.stdout);
      const [fromCheckov, fromKubeScore] = await Promise.all([
        runCheckov(checkov!, renderDir, 'chart.yaml', render),
        runKubeScore(kubeScore!, join(renderDir, 'chart.yaml'), render, KUBERNETES_VERSION),
      ]);
      checkovResults.set(render, fromCheckov);
      kubeScoreResults.set(render, fromKubeScore);
    }));
    findings = renders.flatMap((r) => [...checkovResults.get(r)!.findings, ...kubeScoreResults.get(r)!.findings]);
    process.stderr.write(`[scan] ${findings.length} failed checks (checkov and kube-score, renders ${renders.join(', ')}):\n` +
      `${findingsTable(findings, exceptions)}\n`);
  }, 300_000);

  test('both scanners read every render: checkov checked its objects, kube-score scored its workloads', () => {
    for (const render of renders) {
      expect({ render, resources: checkovResults.get(render)!.resources > 5, passed: checkovResults.get(render)!.passed > 50 })
        .toEqual({ render, resources: true, passed: true });
      expect({ render, scored: kubeScoreResults.get(render)!.scored }).toEqual({ render, scored: expect.arrayContaining(['Deployment/bot-rasa', 'Service/bot-rasa']) });
    }
  });

  test(`every failed check is listed in ${EXCEPTIONS_FILE} with the reason the chart keeps it`, () => {
    const { unlisted } = judge(findings, exceptions, renders);
    if (unlisted.length > 0) {
      process.stderr.write(`[scan] fix these in the chart (both renderers), or list them in ${EXCEPTIONS_FILE} with a reason each:\n` +
        `${findingsTable(unlisted, [])}\n\n${exceptionsToAdd(unlisted)}\n`);
    }
    expect(unlisted.map((f) => `${f.scanner} ${f.check} on ${f.render} ${f.object}${f.where ? ` (${f.where})` : ''}: ${f.says}`)).toEqual([]);
  });

  test(`every check listed in ${EXCEPTIONS_FILE} still fails (a check that passes now is taken off the list)`, () => {
    const { stale } = judge(findings, exceptions, renders);
    const lines = stale.map(({ exception: e, render, object }) =>
      `${e.scanner} ${e.check}${e.says ? ` (${e.says})` : ''}${object ? ` on ${object}` : ''} passes on ${render}`);
    expect(lines).toEqual([]);
  });
});
