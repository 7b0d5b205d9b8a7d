/**
 * Entry of the demo page server, bundled into chart/files/demo.mjs and shipped in a ConfigMap: it
 * runs on the stock Node image (minter.image) with nothing but node's own modules.
 *   node demo.mjs demo.json
 */
import { readFileSync } from 'node:fs';
import { parseDemoInput } from './input.js';
import { createDemoServer } from './server.js';

const log = (line: string) => process.stdout.write(`demo: ${line}\n`);
try {
  const inputPath = process.argv[2];
  if (!inputPath) throw new Error('usage: demo.mjs <demo.json>');
  const input = parseDemoInput(JSON.parse(readFileSync(inputPath, 'utf8')));
  const server = createDemoServer(input);
  server.on('error', (error) => {
    log(`error: ${error.message}`);
    process.exit(1);
  });
  server.listen(input.port, () => log(`serving widget ${input.widget} from ${input.widgetsDir} on port ${input.port}`));
  // PID 1 in its container: without a handler a TERM would wait out the grace period.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
} catch (error) {
  log(`error: ${(error as Error).message}`);
  process.exitCode = 2;
}
