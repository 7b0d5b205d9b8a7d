import { ingressAnnotations, ingressPaths, ingressPlan, STICKY_SESSION_ANNOTATIONS } from '../../src/plan/index.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/index.js';

const API = { enabled: true, tokenSecretName: 'rasa-api-token' };
const paths = (values: SettingsInput) => ingressPaths(resolveSettings(values)).map((p) => p.path);

describe('ingressPaths', () => {
  test('is the socket.io path alone while no other channel is on', () => {
    expect(ingressPaths(resolveSettings({}))).toEqual([{ path: '/socket.io', pathType: 'Prefix', port: 5005 }]);
    expect(paths({ socketio: { socketioPath: '/chat/socket.io' }, service: { port: 8080 } })).toEqual(['/chat/socket.io']);
  });

  test('adds /webhooks/ for any channel (REST, callback or another), since Rasa serves each under /webhooks/<name>/', () => {
    expect(paths({ channels: { rest: {} } })).toEqual(['/socket.io', '/webhooks/']);
    expect(paths({ channels: { callback: { url: 'http://cb.example.com/bot' } } })).toEqual(['/socket.io', '/webhooks/']);
    expect(paths({ channels: { 'addons.custom.MyInput': { token: '${TOKEN}' } } })).toEqual(['/socket.io', '/webhooks/']);
    // A channel that takes no settings is a null, and still on.
    expect(paths({ channels: { rest: null } })).toEqual(['/socket.io', '/webhooks/']);
  });

  test('adds / last for the HTTP API when ingress.exposeApi, and each path once', () => {
    const apiOn = { rasa: { api: API }, ingress: { exposeApi: true } };
    expect(paths(apiOn)).toEqual(['/socket.io', '/']);
    expect(paths({ ...apiOn, channels: { rest: {}, slack: {} } })).toEqual(['/socket.io', '/webhooks/', '/']);
    expect(paths({ ...apiOn, socketio: { socketioPath: '/' } })).toEqual(['/']);
    expect(ingressPaths(resolveSettings({ ...apiOn, service: { port: 80 } })).map((p) => p.port)).toEqual([80, 80]);
  });
});

describe('ingressAnnotations', () => {
  test('are ingress.annotations alone unless ingress.stickySessions', () => {
    expect(ingressAnnotations(resolveSettings({}))).toEqual({});
    expect(ingressAnnotations(resolveSettings({ ingress: { annotations: { a: 'b' } } }))).toEqual({ a: 'b' });
  });

  test("add ingress-nginx's persistent cookie affinity for sticky sessions, under ingress.annotations", () => {
    expect(ingressAnnotations(resolveSettings({ ingress: { stickySessions: true } }))).toEqual({
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
      'nginx.ingress.kubernetes.io/affinity-mode': 'persistent',
      'nginx.ingress.kubernetes.io/session-cookie-name': 'rasa-socketio',
    });
    expect(ingressAnnotations(resolveSettings({
      ingress: { stickySessions: true, annotations: { 'nginx.ingress.kubernetes.io/session-cookie-name': 'mine', x: 'y' } },
    }))).toEqual({ ...STICKY_SESSION_ANNOTATIONS, 'nginx.ingress.kubernetes.io/session-cookie-name': 'mine', x: 'y' });
  });
});

describe('ingressPlan', () => {
  test('carries ingress.extraPaths as given, after the paths to Rasa', () => {
    const extra = { path: '/static', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } } as const;
    const plan = ingressPlan(resolveSettings({ ingress: { extraPaths: [extra] } }));
    expect(plan.extraPaths).toEqual([extra]);
    expect(plan.paths.map((p) => p.path)).toEqual(['/socket.io']);
  });
});
