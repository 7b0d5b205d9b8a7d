import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { demoChecksum, demoName, demoOrigins, demoWidget, planBot, rasaArgs } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const settings = (values: SettingsInput = {}) => resolveSettings(values);
const plan = (values: SettingsInput = {}) => planBot(settings(values), { release: 'bot', namespace: 'chat' });
const WIDGETS = [{ name: 'website' }, { name: 'support' }];

describe('the demo page in the plan', () => {
  test('shows demo.widget, else the first widget', () => {
    expect(demoWidget(settings({ widgets: WIDGETS }))).toBe('website');
    expect(demoWidget(settings({ widgets: WIDGETS, demo: { widget: 'support' } }))).toBe('support');
    expect(demoWidget(settings())).toBe('web-chat');
  });

  test('is named after the fullname, cut so that the Service name stays a DNS label', () => {
    expect(demoName('bot-rasa')).toBe('bot-rasa-demo');
    const long = `${'a'.repeat(57)}-bcdef`;
    expect(demoName(long)).toBe(`${'a'.repeat(57)}-demo`);
    expect(demoName(long).length).toBeLessThanOrEqual(63);
  });

  test("lets Rasa allow the page's origins only while it is on, after rasa.cors and each once", () => {
    expect(demoOrigins(settings())).toEqual([]);
    expect(demoOrigins(settings({ demo: { enabled: true, port: 9090 } }))).toEqual(['http://localhost:9090', 'http://127.0.0.1:9090']);
    expect(rasaArgs(settings())).not.toContain('--cors');
    const args = rasaArgs(settings({ demo: { enabled: true }, rasa: { cors: ['https://www.example.com', 'http://localhost:8080'] } }));
    expect(args.slice(args.indexOf('--cors'))).toEqual(['--cors', 'https://www.example.com', 'http://localhost:8080', 'http://127.0.0.1:8080']);
  });

  test('runs the bundled page server on the minter image, with the Jobs\' pull Secrets, reading the widgets ConfigMap', () => {
    const p = plan({ demo: { enabled: true, widget: 'support' }, widgets: WIDGETS, minter: { configMapName: 'tokens', imagePullSecrets: ['creds'] } });
    expect(p.gates.demo).toBe(true);
    expect(p.demo).toMatchObject({
      name: 'bot-rasa-demo',
      image: 'docker.io/library/node:24.21.0-alpine',
      command: ['node', '/demo/demo.mjs', '/demo/demo.json'],
      widgetsConfigMap: 'tokens',
      port: 8080,
      scheduling: { imagePullSecrets: ['creds'] },
    });
    expect(JSON.parse(p.demo.files['demo.json'])).toEqual({
      configMap: 'tokens', namespace: 'chat', port: 8080, rasaService: 'bot-rasa', rasaServicePort: 5005, widget: 'support', widgetsDir: '/widgets',
    });
    expect(p.demo.files['demo.mjs']).toBe(readFileSync('chart/files/demo.mjs', 'utf8'));
    expect(p.demo.podMetadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'demo', 'app.kubernetes.io/instance': 'bot' });
    expect(p.demo.podMetadata.annotations['checksum/files']).toBe(p.demo.checksum);
  });

  test('checksums the files as the chart hashes them, so that a new program or input restarts the pod', () => {
    const files = { 'demo.json': '{"a":1}', 'demo.mjs': 'x' };
    expect(demoChecksum(files)).toBe(createHash('sha256').update('demo.json\n{"a":1}\ndemo.mjs\nx\n').digest('hex'));
    expect(demoChecksum({ ...files, 'demo.json': '{"a":2}' })).not.toBe(demoChecksum(files));
  });
});
