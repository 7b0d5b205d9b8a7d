// Model delivery on the real cluster. An in-cluster HTTP server (the test Rasa image's Python,
// serving that image's trained model) stands for a model store and a model server; four releases
// are installed at once and judged as their pods get there:
// - a download with the right SHA-256 and a bearer token: the init container fetches the model, Rasa
//   loads it, and the bot answers through socket.io;
// - a download with a wrong SHA-256: the init container fails with the mismatch line, Rasa never starts;
// - a model server that sends no ETag: Rasa serves GET / but never loads the model, so the pod
//   stays NotReady (the readiness probe asks /status);
// - a model server that sends one (and wants the model server token): the pod turns Ready.
// The releases reach the server by its Service's DNS name, as a user's model store would be named.
import { randomBytes } from 'node:crypto';
import { createNamespace, kubectl, kubectlResult } from '../cluster/support.js';
import { mintToken, signingKey } from '../../src/minter/index.js';
import { chatOnce } from '../support/socketio-chat.js';
import { createKeySecret, deleteNamespace, describeE2E, helm, helmMessages, portForward, progress, waitFor, withDiagnostics } from './cluster.js';
import { pods } from './pods.js';
import { PathReport } from './report.js';
import { BOT_GREETING, LOCAL_CLUSTER_VALUES, RASA_IMAGE, valuesFile } from './values.js';

const STEP_TIMEOUT_MS = 300_000;
const DOWNLOAD_TOKEN = randomBytes(16).toString('hex');
const SERVER_TOKEN = randomBytes(16).toString('hex');

/**
 * The model store and model server, on port 8000: /private/ wants the download's bearer token,
 * /plain/ sends no ETag (as `python -m http.server` and many static stores do), /etag/ sends one
 * and wants the model server's token in the query, as Rasa sends it. Prints the model's SHA-256.
 */
const SERVER_SCRIPT = `
import hashlib, http.server, os, urllib.parse
DATA = open("/app/models/bot.tar.gz", "rb").read()
SHA = hashlib.sha256(DATA).hexdigest()
ETAG = '"%s"' % SHA
print("sha256 " + SHA, flush=True)

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        routes = {
            "/private/bot.tar.gz": (self.headers.get("Authorization") == "Bearer " + os.environ["DOWNLOAD_TOKEN"], None),
            "/plain/bot.tar.gz": (True, None),
            "/etag/bot.tar.gz": (query.get("token") == [os.environ["SERVER_TOKEN"]], ETAG),
        }
        if url.path not in routes:
            return self.send_error(404)
        allowed, etag = routes[url.path]
        if not allowed:
            return self.send_error(401)
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            return self.end_headers()
        self.send_response(200)
        self.send_header("Content-Length", str(len(DATA)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(DATA)

http.server.ThreadingHTTPServer(("", 8000), Handler).serve_forever()
`;

const RESTRICTED = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } };

function modelServerObjects(namespace: string): string {
  const labels = { app: 'model-store' };
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'model-store', namespace, labels },
    spec: {
      automountServiceAccountToken: false,
      containers: [{
        name: 'server', image: `${RASA_IMAGE.registry}/${RASA_IMAGE.repository}:${RASA_IMAGE.tag}`, imagePullPolicy: 'Never',
        command: ['python', '-c', SERVER_SCRIPT], env: [{ name: 'DOWNLOAD_TOKEN', value: DOWNLOAD_TOKEN }, { name: 'SERVER_TOKEN', value: SERVER_TOKEN }],
        ports: [{ containerPort: 8000 }], securityContext: RESTRICTED, resources: { requests: { cpu: '50m', memory: '128Mi' } },
      }],
    },
  };
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'model-store', namespace }, spec: { selector: labels, ports: [{ port: 8000 }] } };
  return [pod, service].map((o) => JSON.stringify(o)).join('\n');
}

/** The chart's values for one release: the local images, quick probes, no minter (the test signs its own token). */
function releaseValues(model: object, rasa: object = {}): object {
  return {
    ...LOCAL_CLUSTER_VALUES,
    minter: { ...LOCAL_CLUSTER_VALUES.minter, enabled: false },
    rasa: {
      ...LOCAL_CLUSTER_VALUES.rasa,
      startupProbe: { periodSeconds: 2, failureThreshold: 300 },
      readinessProbe: { periodSeconds: 2, failureThreshold: 1 },
      model,
      ...rasa,
    },
  };
}

const serverPod = (namespace: string, release: string) => pods(namespace, `app.kubernetes.io/instance=${release},app.kubernetes.io/component=server`)[0];

type PodJson = NonNullable<ReturnType<typeof serverPod>> & {
  status: { initContainerStatuses?: Array<{ name: string; state: Record<string, { exitCode?: number }>; lastState: Record<string, { exitCode?: number }> }> };
};

const isReady = (pod: PodJson | undefined) => pod?.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** The Unhealthy events of a pod (a failed probe's output is in their message). */
function probeFailures(namespace: string, pod: string): string[] {
  const out = kubectlResult(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${pod},reason=Unhealthy`,
    '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']).stdout;
  return out.split('\n').filter(Boolean);
}

describeE2E('model delivery on the real cluster: download, checksum, model server and readiness', () => {
  let namespace: string;
  let modelSha = '';
  let storeUrl = '';
  let jwtKey = '';
  let started = 0;
  /** Whether release noetag's pod was ever seen Ready, sampled every second from its install on. */
  let noetagEverReady = false;
  let sampler: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    started = Date.now();
    namespace = await createNamespace('e2e-model');
    await withDiagnostics(namespace, async () => {
      jwtKey = randomBytes(32).toString('hex');
      createKeySecret(namespace, jwtKey);
      for (const [name, value] of [['model-download', DOWNLOAD_TOKEN], ['model-server', SERVER_TOKEN], ['rasa-api', randomBytes(16).toString('hex')]]) {
        kubectl(['create', 'secret', 'generic', name!, '-n', namespace, `--from-literal=${name === 'rasa-api' ? 'auth-token' : 'token'}=${value}`]);
      }
      kubectl(['apply', '-f', '-'], modelServerObjects(namespace));
      storeUrl = `http://model-store.${namespace}.svc:8000`;
      modelSha = await waitFor('the model store to print the model\'s SHA-256', () =>
        /^sha256 ([0-9a-f]{64})$/m.exec(kubectlResult(['logs', 'model-store', '-n', namespace]).stdout)?.[1], 120_000);
      const api = { enabled: true, tokenSecretName: 'rasa-api' };
      const releases: Array<[string, object]> = [
        ['dl', releaseValues({ download: { url: `${storeUrl}/private/bot.tar.gz`, sha256: modelSha, token: { secretName: 'model-download' } } })],
        ['bad', releaseValues({ download: { url: `${storeUrl}/private/bot.tar.gz`, sha256: '0'.repeat(64), token: { secretName: 'model-download' } } })],
        ['noetag', releaseValues({ serverUrl: `${storeUrl}/plain/bot.tar.gz`, waitTimeBetweenPulls: 5 }, { api })],
        ['etag', releaseValues({ serverUrl: `${storeUrl}/etag/bot.tar.gz`, serverToken: { secretName: 'model-server' } }, { api })],
      ];
      const results = await Promise.all(releases.map(([release, values]) => helm(['install', release, 'chart', '-n', namespace, '-f', valuesFile(values)])));
      for (const result of results) expect({ status: result.status, stderr: helmMessages(result.stderr) }).toEqual({ status: 0, stderr: '' });
      // A pod Ready for a moment (failureThreshold 1, every 2 s) is seen by a sampler every second.
      sampler = setInterval(() => { noetagEverReady ||= isReady(serverPod(namespace, 'noetag')); }, 1000);
    });
  }, STEP_TIMEOUT_MS);

  afterAll(() => {
    clearInterval(sampler);
    deleteNamespace(namespace);
  });

  test('a download with the right SHA-256 and a bearer token: Rasa loads it and the bot answers through socket.io', () => withDiagnostics(namespace, async () => {
    const report = new PathReport('model-download');
    const pod = await waitFor('release dl: its Rasa pod Ready', () => {
      const p = serverPod(namespace, 'dl');
      return isReady(p) ? p : undefined;
    }, STEP_TIMEOUT_MS);
    report.ready();
    const file = `/app/models/${modelSha}.tar.gz`;
    expect(kubectl(['logs', pod.metadata.name, '-n', namespace, '-c', 'model-download']))
      .toMatch(new RegExp(`^model-download: ${storeUrl}/private/bot\\.tar\\.gz -> ${file} \\(\\d+ bytes, sha256 ${modelSha}\\)\\n$`));
    // The test signs its token as the minter would, with the key of the Secret.
    const key = signingKey(jwtKey, 'the test key');
    const { token } = await mintToken({ key, method: 'HS256', claims: { sender_id: 'model-e2e' }, expiresIn: '1h', now: Date.now(), where: 'test' });
    const forward = await portForward(namespace, 'service/dl-rasa', 5005);
    try {
      const reply = await chatOnce(forward.url, token, 'hello');
      report.replied(reply);
      expect(reply).toBe(BOT_GREETING);
    } finally {
      forward.stop();
    }
    progress(`release dl answered ${((Date.now() - started) / 1000).toFixed(1)}s after the file started`);
    report.passed();
  }), STEP_TIMEOUT_MS);

  test('a download whose SHA-256 differs: the init container fails with the mismatch line and Rasa never starts', () => withDiagnostics(namespace, async () => {
    const pod = await waitFor('release bad: its model-download container to exit 1', () => {
      const p = serverPod(namespace, 'bad') as PodJson | undefined;
      const status = p?.status.initContainerStatuses?.find((c) => c.name === 'model-download');
      const exitCode = status?.state.terminated?.exitCode ?? status?.lastState.terminated?.exitCode;
      return exitCode === 1 ? p : undefined;
    }, STEP_TIMEOUT_MS);
    const line = `model-download: sha256 mismatch for ${storeUrl}/private/bot.tar.gz: expected ${'0'.repeat(64)}, got ${modelSha}; the file is not used\n`;
    // The kubelet keeps the log of the last run: the current one until it is started again, then the previous one.
    const log = await waitFor('the mismatch line in its log', () => [[], ['--previous']]
      .map((flags) => kubectlResult(['logs', pod!.metadata.name, '-n', namespace, '-c', 'model-download', ...flags]).stdout)
      .find((text) => text === line), 60_000);
    expect(log).toBe(line);
    expect(log).not.toContain(DOWNLOAD_TOKEN);
    const rasa = serverPod(namespace, 'bad')!.status.containerStatuses?.find((c) => c.name === 'rasa');
    expect(rasa?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(isReady(serverPod(namespace, 'bad'))).toBe(false);
  }), STEP_TIMEOUT_MS);

  test('a model server with an ETag and the model server token: the pod turns Ready through the /status probe', () => withDiagnostics(namespace, async () => {
    await waitFor('release etag: its Rasa pod Ready', () => (isReady(serverPod(namespace, 'etag')) ? true : undefined), STEP_TIMEOUT_MS);
    progress(`release etag Ready ${((Date.now() - started) / 1000).toFixed(1)}s after the file started`);
  }), STEP_TIMEOUT_MS);

  test('a model server without an ETag: Rasa answers GET / but loads no model, and the pod stays NotReady', () => withDiagnostics(namespace, async () => {
    // The start-up probe (GET /) has passed once the container counts as started: Rasa listens.
    const name = await waitFor('release noetag: its Rasa container started (GET / answered)', () => {
      const p = serverPod(namespace, 'noetag');
      return (p?.status.containerStatuses?.find((c) => c.name === 'rasa') as { started?: boolean } | undefined)?.started ? p!.metadata.name : undefined;
    }, STEP_TIMEOUT_MS);
    const inRasa = (command: readonly string[]) => kubectlResult(['exec', name, '-n', namespace, '-c', 'rasa', '--', ...command]);
    expect(inRasa(['python', '-c', 'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1:5005/").read().decode())']).stdout)
      .toMatch(/^Hello from Rasa: 3\.6\.21\n$/);
    // What the readiness probe says, asked as the kubelet asks it (the kubelet's events about it are rate-limited).
    const spec = JSON.parse(kubectl(['get', 'pod', name, '-n', namespace, '-o', 'json'])) as
      { spec: { containers: Array<{ name: string; readinessProbe: { exec: { command: string[] } } }> } };
    const probe = inRasa(spec.spec.containers.find((c) => c.name === 'rasa')!.readinessProbe.exec.command);
    expect({ status: probe.status, stdout: probe.stdout }).toEqual({ status: 1, stdout: 'not ready: GET /status: no model is loaded\n' });
    // Rasa pulls the model again every 5 s and gets no ETag each time; the pod has stayed NotReady
    // all along.
    const pulls = () => kubectl(['logs', 'model-store', '-n', namespace]).match(/"GET \/plain\/bot\.tar\.gz HTTP\/1\.1" 200/g)?.length ?? 0;
    await waitFor('release noetag: three pulls of the model (at start, then every 5 s)', () => (pulls() >= 3 ? true : undefined), 60_000);
    const pod = serverPod(namespace, 'noetag')!;
    expect(pod.status.containerStatuses?.find((c) => c.name === 'rasa')).toMatchObject({ ready: false, restartCount: 0 });
    expect({ ready: isReady(pod), everReady: noetagEverReady }).toEqual({ ready: false, everReady: false });
    for (const message of probeFailures(namespace, name)) expect(message).not.toMatch(/token=/);
  }), STEP_TIMEOUT_MS);
});
