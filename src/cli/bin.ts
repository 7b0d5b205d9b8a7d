#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { main } from './main.js';

// V8's code cache on disk, as tsc does: every run after the first skips compiling what it loads
// (cdk8s-plus-27 alone is megabytes of JavaScript, a fifth of a synth), from
// <tmpdir>/node-compile-cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off; where that directory
// cannot be written, Node leaves it off and says nothing. The commands load their modules after
// this line (src/cli/run.ts imports each on demand), so they all use it.
enableCompileCache();

await main(process.argv.slice(2));
