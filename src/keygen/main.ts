/**
 * Entry of the key generator Job, bundled into chart/files/keygen.mjs and shipped in a ConfigMap:
 * it runs on the stock Node image, so it imports neither cdk8s nor @kubernetes/client-node and
 * talks to the API server with node's https, through the minter's kube helpers.
 */
import { runKeygen } from './run.js';

process.exitCode = await runKeygen({
  argv: process.argv.slice(2),
  env: process.env,
  log: (line) => process.stdout.write(`keygen: ${line}\n`),
});
