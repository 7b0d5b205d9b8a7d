// The demo page as `helm install` presents it: NOTES.txt gives the two port-forwards it needs, and
// Rasa allows the page's origins while it is on (test/e2e/demo-page.test.ts runs them for real).
import { describeHelm, helm, parseObjects } from './helm.js';

function notes(args: readonly string[]): string {
  const result = helm(['install', 'bot', 'chart', '--namespace', 'chat', '--dry-run=client', ...args]);
  expect(result.stderr).not.toMatch(/error/i);
  return result.stdout.slice(result.stdout.indexOf('\nNOTES:\n'));
}

/** The origins the chart's Rasa Deployment passes to --cors. */
function corsOrigins(args: readonly string[]): string[] {
  const result = helm(['template', 'bot', 'chart', '--namespace', 'chat', ...args]);
  expect(result.stderr).not.toMatch(/error/i);
  const deployment = parseObjects(result.stdout).find((o) => o.kind === 'Deployment' && o.metadata.name === 'bot-rasa')!;
  const rasaArgs: string[] = deployment.spec.template.spec.containers.find((c: { name: string }) => c.name === 'rasa').args;
  const from = rasaArgs.indexOf('--cors');
  if (from < 0) return [];
  const rest = rasaArgs.slice(from + 1);
  const end = rest.findIndex((a) => a.startsWith('--'));
  return end < 0 ? rest : rest.slice(0, end);
}

describeHelm('the demo page in the chart', () => {
  test('NOTES.txt gives the port-forwards of the page and of Rasa, and the page\'s address, only while it is on', () => {
    expect(notes([])).not.toContain('bot-rasa-demo');
    const text = notes(['--set', 'demo.enabled=true', '--set', 'demo.port=9090', '--set', 'service.port=15005']);
    expect(text).toContain([
      'Demo page: forward the page and Rasa (two terminals, as each command keeps running), then open',
      'http://localhost:9090 and chat:',
      '',
      '  kubectl -n chat port-forward service/bot-rasa-demo 9090',
      '  kubectl -n chat port-forward service/bot-rasa 15005',
      '',
      'It shows widget "web-chat" with its current token; the widget connects to http://localhost:15005.',
    ].join('\n'));
  });

  test("Rasa allows the page's origins, after rasa.cors and each once, only while it is on", () => {
    expect(corsOrigins(['--set', 'rasa.cors={https://www.example.com}'])).toEqual(['https://www.example.com']);
    expect(corsOrigins(['--set', 'demo.enabled=true', '--set', 'rasa.cors={https://www.example.com,http://127.0.0.1:8080}']))
      .toEqual(['https://www.example.com', 'http://127.0.0.1:8080', 'http://localhost:8080']);
  });
});
