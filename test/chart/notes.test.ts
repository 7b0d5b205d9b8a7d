// What `helm install` tells a user about the key, for each of the three ways the chart gets it:
// an existing Secret (the default), one the key generator makes, and one made from a literal; and
// how to read a widget's snippet and open the demo page. test/e2e/readme.test.ts runs the snippet
// command the NOTES print after each install of the README, test/e2e/demo-page.test.ts the forwards.
import { describeHelm, helm, helmTemplate } from './helm.js';

function notes(args: readonly string[]): string {
  const result = helm(['install', 'bot', 'chart', '--namespace', 'chat', '--dry-run=client', ...args]);
  expect(result.status).toBe(0);
  return result.stdout.slice(result.stdout.indexOf('\nNOTES:\n'));
}

const CREATE_IT = 'kubectl -n chat create secret generic';

describeHelm("the chart's NOTES on the key", () => {
  test('an existing Secret (the default): how to create it, with its name and key', () => {
    const text = notes([]);
    expect(text).toContain('a JWT signed with the key in Secret chat/rasa-socketio-jwt (key "jwt-key")');
    expect(text).toContain(`${CREATE_IT} rasa-socketio-jwt \\\n    --from-literal=jwt-key="$(openssl rand -hex 32)"`);
    expect(text).not.toContain('key generator');
  });

  test('generate: the key generator made it, never changes it, and it outlives an uninstall; no command to create it', () => {
    const text = notes(['--set', 'socketio.jwtKey.generate=true', '--set', 'socketio.jwtKey.secretName=bot-jwt']);
    expect(text).toContain('the key in Secret chat/bot-jwt');
    expect(text).toContain('The key generator Job (bot-rasa-keygen) created that Secret with a random key');
    expect(text).toContain('it never changes an existing key');
    expect(text).toContain('The Secret stays after\nhelm uninstall');
    expect(text).not.toContain(CREATE_IT);
  });

  test('a literal: the warning that the key is in the values, and no command to create it', () => {
    const text = notes(['--set', `socketio.jwtKey.literal=${'k'.repeat(32)}`]);
    expect(text).toContain('WARNING: that Secret was made from socketio.jwtKey.literal');
    expect(text).not.toContain(CREATE_IT);
    expect(text).not.toContain('k'.repeat(32));
  });
});

describeHelm("the chart's NOTES on reading the snippet and opening the demo page", () => {
  const snippetCommand = (configMap: string, widget: string) =>
    `  kubectl -n chat get configmap ${configMap} -o go-template='{{index .data "${widget}.legacy.html"}}'\n`;

  test('the exact kubectl commands that wait for the minter Job and print the first widget\'s snippet from its ConfigMap', () => {
    const text = notes([]);
    const job = helmTemplate('bot', 'chat', []).find((o) => o.kind === 'Job' && o.metadata.labels?.['app.kubernetes.io/component'] === 'minter');
    expect(job).toBeDefined();
    expect(text).toContain(`The minter Job chat/${job!.metadata.name} signs a token per widget while Rasa starts`);
    expect(text).toContain(`  kubectl -n chat wait --for=condition=complete job/${job!.metadata.name} --timeout=5m\n${snippetCommand('bot-rasa-widgets', 'web-chat')}`);
    expect(text).toContain('(or "web-chat.web-component.html" for <rasa-chatbot-widget>; index.json lists every widget)');
  });

  test('a minter made a hook has run when the NOTES print: no wait, the snippet command alone', () => {
    const text = notes(['--set', 'minter.jobAnnotations.helm\\.sh/hook=post-install']);
    expect(text).toContain('It ran as a hook before this message; read a snippet:\n\n' + snippetCommand('bot-rasa-widgets', 'web-chat'));
    expect(text).not.toContain(' wait --for');
  });

  test('with widgets and a ConfigMap name of your own, the command names them', () => {
    const text = notes(['--set', 'minter.configMapName=site-widgets', '--set', 'widgets[0].name=website', '--set', 'widgets[1].name=kiosk']);
    expect(text).toContain(snippetCommand('site-widgets', 'website'));
    expect(text).not.toContain('bot-rasa-widgets');
  });

  test('without the minter there is no ConfigMap to read, and no command for it', () => {
    expect(notes(['--set', 'minter.enabled=false'])).not.toContain('get configmap');
  });

  test('how to run helm test on the minted token, unless tests.enabled is off or there is no minter', () => {
    expect(notes([])).toContain('\n  helm test bot -n chat --logs\n');
    expect(notes(['--set', 'tests.enabled=false'])).not.toContain('helm test');
    expect(notes(['--set', 'minter.enabled=false'])).not.toContain('helm test');
  });

  test('demo.enabled: the two port-forwards, each with the namespace, and the URL to open', () => {
    const text = notes(['--set', 'demo.enabled=true', '--set', 'demo.port=9000', '--set', 'service.port=5006',
      '--set', 'widgets[0].name=website', '--set', 'widgets[1].name=kiosk', '--set', 'demo.widget=kiosk']);
    expect(text).toContain('then open\nhttp://localhost:9000 and chat:\n\n' +
      '  kubectl -n chat port-forward service/bot-rasa-demo 9000\n' +
      '  kubectl -n chat port-forward service/bot-rasa 5006\n');
    expect(text).toContain('It shows widget "kiosk" with its current token; the widget connects to http://localhost:5006.');
  });

  test('without demo.enabled, no demo page', () => {
    const text = notes([]);
    expect(text).not.toContain('Demo page');
    expect(text).not.toContain('bot-rasa-demo');
  });
});
