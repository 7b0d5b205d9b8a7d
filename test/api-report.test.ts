// The committed API report is the public API as src/index.ts stands. The declarations are emitted
// afresh (lib/ is stale when jest runs without a build), then API Extractor runs as in CI, not with
// --local: it writes its report to a scratch folder, never over api/, and a change to the API fails
// here as a diff of the report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConsoleMessageId, Extractor, ExtractorConfig, type ExtractorMessage } from '@microsoft/api-extractor';

const repoDir = fileURLToPath(new URL('..', import.meta.url));
const REPORT = 'rasa-socketio-jwt.api.md';

describe(`api/${REPORT}`, () => {
  // In the repository, so that the declarations resolve cdk8s and the rest from its node_modules,
  // but not under node_modules, where API Extractor would take them for another package's.
  const artifactsDir = join(repoDir, 'test-artifacts');
  let outDir: string;
  beforeAll(() => {
    mkdirSync(artifactsDir, { recursive: true });
    outDir = mkdtempSync(join(artifactsDir, 'api-report-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('records the public API as src/index.ts stands (run `npm run api` after a deliberate change)', () => {
    const tsc = spawnSync(process.execPath, [join(repoDir, 'node_modules/typescript/bin/tsc'), '-p', join(repoDir, 'tsconfig.build.json'),
      '--emitDeclarationOnly', '--declarationMap', 'false', '--sourceMap', 'false', '--outDir', join(outDir, 'lib')], { encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`tsc could not emit the declarations:\n${tsc.stdout}${tsc.stderr}`);
    const configFile = join(repoDir, 'api-extractor.json');
    const configObject = ExtractorConfig.loadFile(configFile);
    configObject.mainEntryPointFilePath = join(outDir, 'lib/index.d.ts');
    configObject.apiReport!.reportTempFolder = join(outDir, 'report');
    const config = ExtractorConfig.prepare({
      configObject, configObjectFullPath: configFile, packageJsonFullPath: join(repoDir, 'package.json'),
    });

    const messages: string[] = [];
    Extractor.invoke(config, {
      localBuild: false,
      messageCallback: (m: ExtractorMessage) => {
        // The difference itself is shown below, as a diff of the report.
        const isDifference = m.messageId === ConsoleMessageId.ApiReportNotCopied;
        if ((m.logLevel === 'error' || m.logLevel === 'warning') && !isDifference) messages.push(m.formatMessageWithoutLocation());
        m.handled = true;
      },
    });

    expect(messages).toEqual([]);
    const fresh = readFileSync(join(outDir, 'report', REPORT), 'utf8');
    expect(fresh).toBe(readFileSync(join(repoDir, 'api', REPORT), 'utf8'));
  }, 120_000);
});
