/**
 * Entry of the minter Job, bundled with jose into chart/files/minter.mjs and shipped in a
 * ConfigMap: it runs on the stock Node image, so it imports neither cdk8s nor
 * @kubernetes/client-node (too large for a ConfigMap) and talks to the API server with node's https.
 */
import { runInCluster } from './run-in-cluster.js';

process.exitCode = await runInCluster({
  argv: process.argv.slice(2),
  env: process.env,
  log: (line) => process.stdout.write(`minter: ${line}\n`),
});
