import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { widgetsConfigMapSize } from '../../src/settings/configmap-size.js';
import { defaultValues, mergeValues, type Settings } from '../../src/settings/index.js';
import { describeHelm, helm } from './helm.js';
import { readValuesFiles } from '../../src/cli/values-files.js';
import { settingsProblems } from '../support/settings-problems.js';

function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-bad-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

const many = <T>(n: number, widget: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => widget(i));

/** Widgets of every kind the ConfigMap size depends on, with what Go's JSON escapes and JSON.stringify does not. */
const mixedWidget = (i: number) => ({
  name: `widget-${i}`,
  ...(i % 2 === 0 ? { url: 'https://a&b"c<d>e.example.com' } : {}),
  ...(i % 3 === 0 ? { expiresIn: `${i + 4}m` } : {}),
  ...(i % 4 === 0 ? { claims: { sender_id: `Grüße <${i}> & 😀 "q" \\u003c \t`, ratio: i / 7, big: 1e21, list: [true, null, { a: -i }] } } : {}),
  ...(i % 5 === 0 ? { initialPayload: '/greet{"a":"<b>&"}' } : {}),
});

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
    ['an autoscaler without shared stores', { rasa: { autoscaling: { enabled: true } } }],
    ['an autoscaler with no target, whose minimum a disruption budget would block drains at', {
      rasa: { autoscaling: { enabled: true, minReplicas: 1, targetCPUUtilizationPercentage: null }, endpoints: { tracker_store: {}, lock_store: {} } },
    }],
    ['an autoscaler with no room to scale, and targets without the requests they are a share of', {
      rasa: {
        autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 2, targetMemoryUtilizationPercentage: 90 },
        resources: { requests: { cpu: '', memory: null } },
        podDisruptionBudget: { minAvailable: 3 },
        endpoints: { tracker_store: {}, lock_store: {} },
      },
    }],
    ['an open HTTP API and Rasa Pro without licence', { rasa: { api: { enabled: true }, image: { repository: 'rasa/rasa-pro' } } }],
    ['clashing and half-given env vars', {
      rasa: { extraEnv: [{ name: 'RASA_SOCKETIO_JWT_KEY', value: 'x' }, { name: 'A' }, { name: 'B', secretName: 'Bad_Secret', secretKey: 'k' }] },
    }],
    ['the HTTP API turned on or its token set around rasa.api', {
      rasa: { extraArgs: ['--enable-api', '--auth-token=x', '-t', '--cors'], extraEnv: [{ name: 'RASA_API_AUTH_TOKEN', value: 'x' }] },
    }],
    ['an Ingress without host', { ingress: { enabled: true } }],
    ['the HTTP API routed through the Ingress while it is off', { ingress: { enabled: true, host: 'bot.example.com', exposeApi: true } }],
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
    ['a demo page without the minter, and one that names no widget', { demo: { enabled: true, widget: 'nope' }, minter: { enabled: false } }],
    ['a demo page with no widget to show', { demo: { enabled: true }, widgets: [] }],
    ['a full name starting with a digit, which a Service name cannot', { fullnameOverride: '1bot' }],
    ["extra volumes and mounts that take the pod's own names and paths, name no volume or repeat one", {
      rasa: {
        extraVolumes: [{ name: 'tmp' }, { name: 'data', emptyDir: {} }, { name: 'data' }],
        extraVolumeMounts: [{ name: 'config', mountPath: '/srv' }, { name: 'nowhere', mountPath: '/tmp/' }, { name: 'data', mountPath: '/srv//' }],
      },
    }],
    ['init containers and sidecars named like the Rasa container or each other', {
      rasa: {
        initContainers: [{ name: 'rasa', image: 'busybox' }, { name: 'prepare', image: 'busybox' }],
        sidecars: [{ name: 'prepare', image: 'busybox' }, { name: 'proxy', image: 'busybox' }, { name: 'proxy', image: 'busybox' }],
      },
    }],
    ['a model download without its sha256, and download and model server tokens from Secrets Kubernetes cannot name', {
      rasa: {
        model: {
          download: { url: 'https://models.example.com/bot.tar.gz', token: { secretName: 'Model_Store', secretKey: 'a b' } },
          serverToken: { secretName: 'models.example.com', secretKey: '' },
        },
      },
    }],
    ['a model server beside a download and a claim, with the HTTP API off', {
      rasa: { model: { serverUrl: 'https://models.example.com/bot.tar.gz', download: { url: 'https://models.example.com/bot.tar.gz', sha256: 'a'.repeat(64) }, persistence: { enabled: true } } },
    }],
    ['a ReadWriteOnce model claim for two pods, and for an autoscaler\'s', {
      rasa: { replicaCount: 2, endpoints: { tracker_store: {}, lock_store: {} }, model: { persistence: { enabled: true, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } } },
    }],
    ['a model claim of an autoscaler without ReadWriteMany, and an existing claim Kubernetes cannot name', {
      rasa: {
        autoscaling: { enabled: true }, endpoints: { tracker_store: {}, lock_store: {} },
        model: { persistence: { enabled: true, accessModes: ['ReadWriteOncePod'] } },
      },
    }],
    ['an existing model claim Kubernetes cannot name', { rasa: { model: { persistence: { enabled: true, existingClaim: 'Bot Models' } } } }],
    ['containers and mounts that take the model download\'s name and the models volume', {
      rasa: {
        model: { download: { url: 'https://models.example.com/bot.tar.gz', sha256: 'a'.repeat(64) } },
        initContainers: [{ name: 'model-download', image: 'busybox' }],
        sidecars: [{ name: 'model-download', image: 'busybox' }],
        extraVolumes: [{ name: 'models', emptyDir: {} }, { name: 'more', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'more', mountPath: '/app/models/' }],
      },
    }],
    ['env sources that name nothing, both kinds, or a name Kubernetes refuses', {
      rasa: { extraEnvFrom: [{}, { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, { secretRef: {} }, { prefix: 'X_', configMapRef: { name: 'Bot_Env' } }] },
    }],
    ["an action_endpoint of one's own beside the chart's action server", {
      actionServer: { enabled: true }, rasa: { endpoints: { action_endpoint: { url: 'http://actions.example.com/webhook' } } },
    }],
    ["the action server's extension points, env and pull Secrets, held to its own pod's names", {
      actionServer: {
        enabled: true,
        extraVolumes: [{ name: 'tmp' }, { name: 'data', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'data', mountPath: '/tmp/' }, { name: 'nowhere', mountPath: '/srv' }],
        initContainers: [{ name: 'action-server', image: 'busybox' }],
        sidecars: [{ name: 'rasa', image: 'busybox' }, { name: 'rasa', image: 'busybox' }],
        extraEnvFrom: [{ secretRef: { name: 'Bad_Name' } }, {}],
        extraEnv: [{ name: 'A', value: 'first' }, { name: 'A', value: 'second' }, { name: 'RASA_API_AUTH_TOKEN' }, { name: 'B', secretName: 'b' }],
        imagePullSecrets: ['Reg_Cred'],
      },
      rasa: { extraEnv: [{ name: 'RASA_API_AUTH_TOKEN', value: 'x' }] },
    }],

    ['token lifetimes too short for the re-mint schedule derived from them', {
      widgets: [{ name: 'a', expiresIn: '3m' }, { name: 'b', expiresIn: '239s' }, { name: 'c', expiresIn: '4m' }, { name: 'd', expiresIn: '3651d' }],
    }],
    ['more widgets than one ConfigMap holds', { widgets: many(1200, (i) => ({ name: `widget-${i}` })) }],
    ['widgets of every kind over the ConfigMap limit, HS512, a named ConfigMap', {
      socketio: { jwtMethod: 'HS512' }, minter: { configMapName: 'chat-widgets' }, ingress: { enabled: true, host: 'bot.example.com', tlsSecretName: 'tls' },
      widgets: many(1000, mixedWidget),
    }],
  ])('%s', (_, values) => {
    const expected = settingsProblems(values);
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
    ['a replica count past int32', { rasa: { replicaCount: 1e20 } }, "at '/rasa/replicaCount': maximum"],
    ['a probe period past int32', { rasa: { readinessProbe: { periodSeconds: 2147483648 } } }, "at '/rasa/readinessProbe/periodSeconds': maximum"],
    ['a CPU request that is not a quantity', { rasa: { resources: { requests: { cpu: 'lots' } } } }, "at '/rasa/resources/requests/cpu'"],
    ['a negative memory limit', { minter: { resources: { limits: { memory: -1 } } } }, "at '/minter/resources/limits/memory': minimum"],
    ['an image tag with a space', { rasa: { image: { tag: '3.6 x' } } }, "at '/rasa/image/tag'"],
    ['an image repository with upper case', { minter: { image: { repository: 'Library/Node' } } }, "at '/minter/image/repository'"],
    ['a registry with a scheme', { rasa: { image: { registry: 'https://docker.io' } } }, "at '/rasa/image/registry'"],
    ['no tag and no digest', { rasa: { image: { tag: '' } } }, "at '/rasa/image/tag': minLength"],
    ['a sidecar without an image', { rasa: { sidecars: [{ name: 'proxy' }] } }, "at '/rasa/sidecars/0': missing property 'image'"],
    ['a mount path that is not absolute', { rasa: { extraVolumeMounts: [{ name: 'data', mountPath: 'data' }] } }, "at '/rasa/extraVolumeMounts/0/mountPath'"],
    ['a misspelt env source', { rasa: { extraEnvFrom: [{ secretref: { name: 'bot-env' } }] } }, "at '/rasa/extraEnvFrom/0': additional properties 'secretref' not allowed"],
  ])('the schema refuses %s, naming the field', (_, values, message) => {
    expect(settingsProblems(values).length).toBe(1);
    const result = helm(['template', 'bot', 'chart', '-f', valuesFile(values)]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});

describeHelm('widgets that would not fit one ConfigMap are refused by synth and helm template alike', () => {
  const settingsOf = (values: object) => mergeValues(defaultValues(), values as never) as Settings;
  const { fitting } = widgetsConfigMapSize(settingsOf({ widgets: many(1500, mixedWidget) }));
  const sizeProblem = (text: string) => text.split('\n').find((l) => l.includes("'widgets' would make"));

  test('one widget more than fit: refused, with the same size and count', async () => {
    const file = valuesFile({ widgets: many(fitting + 1, mixedWidget) });
    const synth = await runCli(['synth', '-f', file, '-o', mkdtempSync(join(tmpdir(), 'rsj-size-'))], {});
    expect(synth.exitCode).toBe(2);
    const fromSynth = sizeProblem(synth.stderr);
    expect(fromSynth).toContain(`the first ${fitting} of the ${fitting + 1} widgets fit`);
    const fromHelm = helm(['template', 'bot', 'chart', '-f', file]);
    expect(fromHelm.status).not.toBe(0);
    expect(sizeProblem(fromHelm.stderr)).toBe(fromSynth);
  });

  test('as many as fit: rendered by both', async () => {
    const file = valuesFile({ widgets: many(fitting, mixedWidget) });
    const synth = await runCli(['synth', '-f', file, '-o', mkdtempSync(join(tmpdir(), 'rsj-size-')), '-n', 'default'], {});
    // The stock image's warning that it holds no model is all it says.
    expect(synth.stderr.split('\n').filter((line) => line && !line.startsWith('warning: the image rasa/rasa holds no model'))).toEqual([]);
    expect(synth.exitCode).toBe(0);
    const fromHelm = helm(['template', 'bot', 'chart', '-f', file]);
    expect(fromHelm.stderr).toBe('');
    expect(fromHelm.status).toBe(0);
  });
});

describeHelm('a YAML 1.1 line break (U+2028, U+2029, U+0085) in the values', () => {
  // Written as YAML escapes: raw, go-yaml already fails to parse some of them (a break in a plain scalar).
  test('is refused by both renderers in the same words, in a string or a key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rsj-bad-')), 'values.yaml');
    writeFileSync(file, 'channels:\n  rest:\n    "a\\u2029b": x\nwidgets:\n  - name: w\n    claims:\n      sender_id: "a \\u2028 b"\n      note: "c\\u0085d"\n');
    const [values] = readValuesFiles([file]);
    const expected = settingsProblems(values!);
    expect(expected).toEqual([expect.stringContaining('U+2028, U+2029 or U+0085')]);
    const result = helm(['template', 'bot', 'chart', '-f', file]);
    expect(result.status).not.toBe(0);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2))).toEqual(expected);
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
    expect(settingsProblems(values)).toHaveLength(1);
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
    expect(settingsProblems(values).length).toBeGreaterThan(0);
    expect(helm(['template', 'bot', 'chart', '-f', valuesFile(values)]).status).not.toBe(0);
  });
});
