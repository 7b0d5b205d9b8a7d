// A cdk8s app that runs a Rasa bot whose web chat (the socketio channel) takes its JWT key from a
// Kubernetes Secret, with a minter Job that writes the widget tokens and snippets to a ConfigMap.
//
//   kubectl create secret generic rasa-socketio-jwt -n chat --from-literal=jwt-key="$(openssl rand -hex 32)"
//   cdk8s synth && kubectl apply --server-side -f dist/
//
// What differs between environments comes from the environment, as a pipeline passes it:
// BOT_NAMESPACE (default chat) and BOT_VALUES, a YAML file of the chart's values (camelCase).
import { readFileSync } from 'node:fs';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { RasaBot } from 'rasa-socketio-jwt';

const namespace = process.env.BOT_NAMESPACE ?? 'chat';
const environmentValues = process.env.BOT_VALUES ? parse(readFileSync(process.env.BOT_VALUES, 'utf8')) : {};

const app = new App();
const chart = new Chart(app, 'chat');
const bot = new RasaBot(chart, 'Bot', {
  release: 'bot',
  namespace,
  values: {
    widgets: [{ name: 'website', initialPayload: '/greet' }],
    ...environmentValues,
  },
});
// The parts are constructs of their own, for changes the values do not cover.
bot.server.deployment.metadata.addLabel('example.com/team', 'web');
app.synth();
