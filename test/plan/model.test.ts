import { readFileSync } from 'node:fs';
import {
  downloadedModelFile, modelArg, modelClaimName, modelDownloadContainers, modelVolumeMounts, modelVolumes, rasaArgs, rasaEnv,
  serverProbes,
} from '../../src/plan/index.js';
import { modelSourceWarnings, resolveSettings, type SettingsInput } from '../../src/settings/index.js';
import { rasaPod, RASA_POD } from '../../src/settings/pod-extensions.js';

const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const DOWNLOAD = { url: 'https://models.example.com/bot.tar.gz', sha256: SHA256 };
const API = { enabled: true, tokenSecretName: 'rasa-api' };
const settings = (values: SettingsInput = {}) => resolveSettings(values);

describe('where the model comes from', () => {
  test('rasa run --model: rasa.model.path, the downloaded file (named by its SHA-256), or nothing with a model server', () => {
    expect(modelArg(settings())).toBe('models');
    expect(modelArg(settings({ rasa: { model: { path: '/opt/bot.tar.gz' } } }))).toBe('/opt/bot.tar.gz');
    expect(modelArg(settings({ rasa: { model: { download: DOWNLOAD, path: 'ignored' } } }))).toBe(`/app/models/${SHA256}.tar.gz`);
    expect(downloadedModelFile(settings({ rasa: { model: { download: DOWNLOAD } } }))).toBe(`/app/models/${SHA256}.tar.gz`);
    expect(modelArg(settings({ rasa: { api: API, model: { serverUrl: 'https://models.example.com/bot.tar.gz' } } }))).toBeUndefined();
    expect(rasaArgs(settings({ rasa: { model: { download: DOWNLOAD } } }))).toContain(`/app/models/${SHA256}.tar.gz`);
  });

  test('the models volume: none, an emptyDir for a download, or the claim (the chart\'s or an existing one)', () => {
    expect(modelVolumes(settings(), 'bot-rasa')).toEqual([]);
    expect(modelVolumeMounts(settings().rasa)).toEqual([]);
    expect(modelVolumes(settings({ rasa: { model: { download: DOWNLOAD } } }), 'bot-rasa')).toEqual([{ name: 'models', emptyDir: {} }]);
    const claimed = settings({ rasa: { model: { download: DOWNLOAD, persistence: { enabled: true } } } });
    expect(modelVolumes(claimed, 'bot-rasa')).toEqual([{ name: 'models', persistentVolumeClaim: { claimName: 'bot-rasa-models' } }]);
    expect(modelVolumeMounts(claimed.rasa)).toEqual([{ name: 'models', mountPath: '/app/models' }]);
    const existing = settings({ rasa: { model: { persistence: { enabled: true, existingClaim: 'kept' } } } });
    expect(modelClaimName(existing, 'bot-rasa')).toBe('kept');
    expect(modelVolumes(existing, 'bot-rasa')).toEqual([{ name: 'models', persistentVolumeClaim: { claimName: 'kept' } }]);
  });

  test("the download runs on the Rasa image with the Rasa container's pull policy, resources and security context", () => {
    expect(modelDownloadContainers(settings())).toEqual([]);
    const s = settings({
      rasa: {
        image: { registry: 'rsj.test', repository: 'rasa', tag: '3.6.21', pullPolicy: 'Never' },
        resources: { limits: { cpu: '', memory: '2Gi' } },
        containerSecurityContext: { runAsUser: null, runAsGroup: null },
        model: { download: { ...DOWNLOAD, token: { secretName: 'model-store' } } },
      },
    });
    expect(modelDownloadContainers(s)).toEqual([{
      name: 'model-download',
      image: 'rsj.test/rasa:3.6.21',
      imagePullPolicy: 'Never',
      command: ['python', '-c', readFileSync('chart/files/model-download.py', 'utf8')],
      args: [DOWNLOAD.url, SHA256, `/app/models/${SHA256}.tar.gz`],
      env: [{ name: 'MODEL_DOWNLOAD_TOKEN', valueFrom: { secretKeyRef: { name: 'model-store', key: 'token' } } }],
      // The Rasa container's, empty quantities (the CPU limit) left out.
      resources: {
        limits: Object.fromEntries(Object.entries(s.rasa.resources.limits).filter(([k]) => k !== 'cpu')),
        requests: s.rasa.resources.requests,
      },
      securityContext: {
        runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
      },
      volumeMounts: [{ name: 'models', mountPath: '/app/models' }],
    }]);
    const noContext = Object.fromEntries(Object.keys(settings().rasa.containerSecurityContext).map((k) => [k, null]));
    const bare = modelDownloadContainers(settings({ rasa: { containerSecurityContext: noContext, model: { download: DOWNLOAD } } }))[0]!;
    expect(bare).not.toHaveProperty('env');
    expect(bare).not.toHaveProperty('securityContext');
    expect(modelDownloadContainers(s)[0]!.resources).toMatchObject({ limits: { memory: '2Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
  });

  test("the model server's token reaches Rasa from its Secret, only with a model server", () => {
    const serverToken = { secretName: 'model-server', secretKey: 'bearer' };
    const env = rasaEnv(settings({
      rasa: { api: API, model: { serverUrl: 'https://models.example.com/bot.tar.gz', serverToken }, extraEnv: [{ name: 'A', value: 'b' }] },
    }));
    expect(env.map((e) => e.name)).toEqual(['RASA_SOCKETIO_JWT_KEY', 'RASA_TELEMETRY_ENABLED', 'RASA_API_AUTH_TOKEN', 'RASA_MODEL_SERVER_TOKEN', 'A']);
    expect(env[3]).toEqual({ name: 'RASA_MODEL_SERVER_TOKEN', valueFrom: { secretKeyRef: { name: 'model-server', key: 'bearer' } } });
    expect(rasaEnv(settings({ rasa: { model: { serverToken } } })).map((e) => e.name)).not.toContain('RASA_MODEL_SERVER_TOKEN');
  });
});

describe('the probes', () => {
  const timing = { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 };

  test('liveness differs from readiness: the port accepting connections, against GET / (a file model) or /status (the API on)', () => {
    const plain = serverProbes(settings());
    expect(plain.livenessProbe).toEqual({ tcpSocket: { port: 5005 }, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 });
    expect(plain.readinessProbe).toEqual({ httpGet: { path: '/', port: 5005, scheme: 'HTTP' }, ...timing });
    expect(plain.startupProbe).toEqual({ httpGet: { path: '/', port: 5005, scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 });
    for (const values of [{ rasa: { api: API } }, { rasa: { api: API, model: { serverUrl: 'https://models.example.com/bot.tar.gz' } } }]) {
      expect(serverProbes(settings(values)).readinessProbe).toEqual({
        exec: { command: ['python', '-c', readFileSync('chart/files/model-ready.py', 'utf8'), '5005', 'RASA_API_AUTH_TOKEN'] }, ...timing,
      });
    }
  });
});

describe("the Rasa pod's own parts, which its extension points may not take", () => {
  test('grow by the models volume at /app/models, and the download container when there is one', () => {
    expect(rasaPod(settings().rasa)).toBe(RASA_POD);
    expect(rasaPod(settings({ rasa: { model: { persistence: { enabled: true } } } }).rasa)).toEqual({
      ...RASA_POD, volumes: [...RASA_POD.volumes, 'models'], mountPaths: [...RASA_POD.mountPaths, '/app/models'], initContainers: [],
    });
    expect(rasaPod(settings({ rasa: { model: { download: DOWNLOAD } } }).rasa).initContainers).toEqual(['model-download']);
  });
});

describe('the warning that Rasa will find no model', () => {
  test('names the stock image and every way in; none once a source is set or the image is another', () => {
    expect(modelSourceWarnings(settings())).toEqual([
      'the image rasa/rasa holds no model and no model source is set, so Rasa will have none to load (without rasa.api.enabled ' +
      'it exits at start). Set rasa.model.download.url with its sha256, rasa.model.persistence, rasa.model.serverUrl, or an ' +
      'image with the model in it (see "Getting a model in" in the README)',
    ]);
    expect(modelSourceWarnings(settings({ rasa: { model: { download: DOWNLOAD } } }))).toEqual([]);
    expect(modelSourceWarnings(settings({ rasa: { image: { repository: 'acme/rasa-bot' } } }))).toEqual([]);
  });
});
