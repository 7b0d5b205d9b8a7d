import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { resolveSettings, SettingsError } from '../../src/settings/index.js';
import { describeHelm, helm } from './helm.js';

function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-bad-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

function synthProblems(values: object): string[] {
  try {
    resolveSettings(values);
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
  return [];
}

/** The "- ..." lines of the chart's validateValues failure. */
function helmProblems(values: object): { status: number | null; problems: string[]; stderr: string } {
  const result = helm(['template', 'bot', 'chart', '-f', valuesFile(values)]);
  const problems = result.stderr.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  return { status: result.status, problems, stderr: result.stderr };
}

describeHelm('the chart refuses what the constructs refuse, in the same words', () => {
  test.each<[string, object]>([
    ['an empty Secret name and key', { socketio: { jwtKey: { secretName: '', secretKey: '' } } }],
    ['a short literal key', { socketio: { jwtKey: { literal: 'k'.repeat(31) } } }],
    ['a literal key shorter than the HS512 hash', { socketio: { jwtMethod: 'HS512', jwtKey: { literal: 'k'.repeat(40) } } }],
    ['a bad name', { fullnameOverride: 'Rasa_Bot', nameOverride: '-x', rasa: { serviceAccount: { name: 'Rasa SA' } } }],
    ['jwt_key in channel credentials, at any depth', { channels: { rest: { jwt_key: 'a' }, custom: { auth: [{ jwt_key: 'b' }] }, socketio: {} } }],
    ['replicas without shared stores', { rasa: { replicaCount: 2 } }],
    ['a disruption budget that blocks every drain', { rasa: { replicaCount: 2, podDisruptionBudget: { minAvailable: 3 }, endpoints: { tracker_store: {}, lock_store: {} } } }],
    ['an open HTTP API and Rasa Pro without licence', { rasa: { api: { enabled: true }, image: { repository: 'rasa/rasa-pro' } } }],
    ['clashing and half-given env vars', {
      rasa: { extraEnv: [{ name: 'RASA_SOCKETIO_JWT_KEY', value: 'x' }, { name: 'A' }, { name: 'B', secretName: 'Bad_Secret', secretKey: 'k' }] },
    }],
    ['the HTTP API turned on or its token set around rasa.api', {
      rasa: { extraArgs: ['--enable-api', '--auth-token=x', '-t', '--cors'], extraEnv: [{ name: 'RASA_API_AUTH_TOKEN', value: 'x' }] },
    }],
    ['an Ingress without host', { ingress: { enabled: true } }],
    ['widgets Rasa would refuse', {
      widgets: [
        { name: 'a', claims: {} },
        { name: 'a', claims: { aud: 'x', sub: 7, jti: 1, exp: 1, iat: 1, nbf: 1 } },
      ],
    }],
    ['token lifetimes over ten years, by a little and by far', {
      widgets: [{ name: 'a', expiresIn: '3651d' }, { name: 'b', expiresIn: '521w' }, { name: 'c', expiresIn: '315360001s' }, { name: 'd', expiresIn: '9'.repeat(30) + 'h' }],
    }],
    ['a minter with nothing to mint', { widgets: [] }],
  ])('%s', (_, values) => {
    const expected = synthProblems(values);
    expect(expected.length).toBeGreaterThan(0);
    const fromHelm = helmProblems(values);
    expect(fromHelm.status).not.toBe(0);
    expect(fromHelm.stderr).toContain('invalid values:');
    expect([...fromHelm.problems].sort()).toEqual([...expected].sort());
  });

  test.each<[string, object, string]>([
    ['an unknown key', { rasa: { replicas: 2 } }, "at '/rasa': additional properties 'replicas' not allowed"],
    ['an unknown jwt_method', { socketio: { jwtMethod: 'RS256' } }, "at '/socketio/jwtMethod': value must be one of 'HS256', 'HS384', 'HS512'"],
    ['a port out of range', { service: { port: 0 } }, "at '/service/port': minimum: got 0, want 1"],
    ['a widget URL with a path', { widgets: [{ name: 'w', url: 'https://example.com/chat' }] }, "at '/widgets/0/url'"],
  ])('the schema refuses %s, naming the field', (_, values, message) => {
    expect(synthProblems(values).length).toBe(1);
    const result = helm(['template', 'bot', 'chart', '-f', valuesFile(values)]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});

describeHelm('helm lint --strict', () => {
  test.each(readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).sort())('passes with chart/ci/%s', (file) => {
    const result = helm(['lint', '--strict', 'chart', '-f', `chart/ci/${file}`]);
    expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(result.status).toBe(0);
  });
});

describeHelm('a null over a default is refused by both renderers, through the schema', () => {
  test.each<[string, object, string]>([
    ['a whole section', { rasa: null }, "missing property 'rasa'"],
    ['a map of the settings', { minter: { image: null } }, "missing property 'image'"],
    ['a scalar', { rasa: { port: null } }, "missing property 'port'"],
  ])('%s', (_, values, helmSays) => {
    expect(synthProblems(values)).toHaveLength(1);
    const fromHelm = helm(['template', 'bot', 'chart', '-f', valuesFile(values)]);
    expect(fromHelm.status).not.toBe(0);
    expect(fromHelm.stderr).toContain(helmSays);
  });
});

describeHelm('refused by both renderers, as the generative test found they must be', () => {
  test.each<[string, object]>([
    ['an extra env var without a name', { rasa: { extraEnv: [{ value: 'v' }] } }],
    ['a widget without a name', { widgets: [{ initialPayload: 'yes' }] }],
    ['a Secret name over 253 characters', { socketio: { jwtKey: { secretName: 'x'.repeat(254) } } }],
  ])('%s', (_, values) => {
    expect(synthProblems(values).length).toBeGreaterThan(0);
    expect(helm(['template', 'bot', 'chart', '-f', valuesFile(values)]).status).not.toBe(0);
  });
});
