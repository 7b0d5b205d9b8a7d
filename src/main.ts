#!/usr/bin/env node
/**
 * The cdk8s app named in cdk8s.yaml: `cdk8s synth` runs it with CDK8S_OUTDIR set and no
 * arguments, rendering the chart's defaults; `node lib/main.js -f values.yaml --release bot`
 * takes the options of `rasa-socketio-jwt synth`.
 */
import { enableCompileCache } from 'node:module';

// V8's code cache on disk, as in src/cli/bin.ts; on before the CLI and what it loads are imported.
enableCompileCache();
const { main } = await import('./cli/main.js');

await main(['synth', ...process.argv.slice(2)]);
