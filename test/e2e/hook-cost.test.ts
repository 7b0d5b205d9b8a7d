// What our Jobs add to `helm install --wait` on the real cluster: the same chart installed with the
// key generator (socketio.jwtKey.generate, a pre-install hook) and the minter (by default a plain
// Job beside the Deployment) on, and with both off (an existing Secret, minter.enabled=false), one
// after the other in namespaces of their own. Watches on the API server timestamp, to the
// millisecond, when the Rasa Deployment appears (after the pre-install hooks), when its pod turns
// Ready, and when each Job's pod runs and ends; helm exits once the Deployment and the minter Job
// are done. Rasa's own start varies by many seconds between two installs, so the Jobs' cost is taken
// from the parts Rasa's start is no part of: the wait before the Deployment appears (the key
// generator's share) and the time from the pod's Ready to helm's exit (the minter's share, nothing
// when it finished while Rasa started). The figures go to artifacts/e2e/report.json.
import { randomBytes } from 'node:crypto';
import { Watch } from '@kubernetes/client-node';
import { adminConfig, createNamespace, kubectl } from '../cluster/support.js';
import { deleteNamespace, describeE2E, helm, helmMessages, progress, withDiagnostics } from './cluster.js';
import { HookCostReport, PathReport } from './report.js';
import { LOCAL_CLUSTER_VALUES, valuesFile } from './values.js';

const STEP_TIMEOUT_MS = 600_000;
/** The goal of issue #16: our Jobs add at most this to an install. Reported, and asserted loosely below. */
const GOAL_SECONDS = 5;

interface Timeline {
  /** ms since the epoch, first seen by the watch. */
  deploymentCreated?: number;
  rasaReady?: number;
  /** Per hook Job pod (keygen, minter): first seen, first Running, Succeeded. */
  jobPods: Record<string, { created?: number; running?: number; succeeded?: number }>;
  stop(): void;
}

/**
 * Watches the namespace's Deployments and pods, recording the moments the measure needs. client-node
 * ends a watch after 30 s without an event, so each watch starts again at once when it ends; the
 * list it starts with repeats what was seen, and only first sightings are kept.
 */
async function watchTimeline(namespace: string): Promise<Timeline> {
  const watch = new Watch(adminConfig());
  const timeline: Timeline = { jobPods: {}, stop: () => undefined };
  let stopped = false;
  const controllers = new Set<AbortController>();
  const keepWatching = async (path: string, handler: (obj: never) => void): Promise<void> => {
    const controller = await watch.watch(path, {}, (_type, obj) => handler(obj as never), () => {
      controllers.delete(controller);
      if (!stopped) void keepWatching(path, handler).catch((err: unknown) => progress(`watch of ${path} failed: ${String(err)}`));
    });
    controllers.add(controller);
  };
  await keepWatching(`/apis/apps/v1/namespaces/${namespace}/deployments`, (obj: { metadata: { name: string } }) => {
    if (obj.metadata.name === 'bot-rasa') timeline.deploymentCreated ??= Date.now();
  });
  await keepWatching(`/api/v1/namespaces/${namespace}/pods`, (pod: {
    metadata: { labels?: Record<string, string> };
    status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
  }) => {
    const now = Date.now();
    const component = pod.metadata.labels?.['app.kubernetes.io/component'];
    if (component === 'server') {
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) timeline.rasaReady ??= now;
    } else if (component === 'keygen' || component === 'minter') {
      const entry = (timeline.jobPods[component] ??= {});
      entry.created ??= now;
      if (pod.status?.phase === 'Running') entry.running ??= now;
      if (pod.status?.phase === 'Succeeded') { entry.running ??= now; entry.succeeded ??= now; }
    }
  });
  timeline.stop = () => { stopped = true; for (const c of controllers) c.abort(); };
  return timeline;
}

interface Install {
  started: number;
  helmExited: number;
  timeline: Timeline;
}

async function install(namespace: string, values: object): Promise<Install> {
  const timeline = await watchTimeline(namespace);
  try {
    const started = Date.now();
    const result = await helm(['install', 'bot', 'chart', '-n', namespace, '-f', valuesFile(values), '--wait', '--timeout', '10m']);
    const helmExited = Date.now();
    expect(helmMessages(result.stderr)).toBe('');
    expect(result.status).toBe(0);
    // The pod's Ready may reach the watch a moment after helm saw it.
    for (let i = 0; i < 50 && timeline.rasaReady === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    expect(timeline.deploymentCreated).toBeDefined();
    expect(timeline.rasaReady).toBeDefined();
    return { started, helmExited, timeline };
  } finally {
    timeline.stop();
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

describeE2E('what the key generator and minter hooks add to helm install --wait', () => {
  const namespaces: string[] = [];
  afterAll(() => { for (const ns of namespaces) deleteNamespace(ns); });

  test('the same chart with the hooks on and off: the pre-install wait and the tail after Ready', async () => {
    const off = await createNamespace('e2e-hooks-off');
    const on = await createNamespace('e2e-hooks-on');
    namespaces.push(off, on);
    const widgets = [{ name: 'website' }, { name: 'campaign', expiresIn: '30d' }];

    const offReport = new PathReport('helm-install-hooks-off');
    const without = await withDiagnostics(off, async () => {
      kubectl(['create', 'secret', 'generic', 'bot-jwt', '-n', off, `--from-literal=jwt-key=${randomBytes(32).toString('hex')}`]);
      return install(off, { ...LOCAL_CLUSTER_VALUES, socketio: { jwtKey: { secretName: 'bot-jwt' } }, minter: { ...LOCAL_CLUSTER_VALUES.minter, enabled: false }, widgets });
    });
    offReport.ready(without.timeline.rasaReady);
    offReport.passed();

    const onReport = new PathReport('helm-install-hooks-on');
    const withHooks = await withDiagnostics(on, () => install(on, {
      ...LOCAL_CLUSTER_VALUES, socketio: { jwtKey: { generate: true, secretName: 'bot-jwt' } }, widgets,
    }));
    onReport.ready(withHooks.timeline.rasaReady);
    // Both ran: the key generator before the Deployment, the minter beside Rasa's start, before helm's exit.
    const { keygen, minter } = withHooks.timeline.jobPods;
    expect(keygen?.succeeded).toBeDefined();
    expect(minter?.succeeded).toBeDefined();
    expect(keygen!.succeeded!).toBeLessThanOrEqual(withHooks.timeline.deploymentCreated!);
    expect(minter!.created!).toBeGreaterThanOrEqual(withHooks.timeline.deploymentCreated! - 1000);
    expect(minter!.succeeded!).toBeLessThanOrEqual(withHooks.helmExited);
    expect(Object.keys(JSON.parse(kubectl(['get', 'configmap', 'bot-rasa-widgets', '-n', on, '-o', 'jsonpath={.data}'])) as object))
      .toEqual(expect.arrayContaining(['website.token', 'campaign.token']));
    onReport.passed();

    const phases = (i: Install) => ({
      secondsToDeployment: seconds(i.timeline.deploymentCreated! - i.started),
      secondsToReady: seconds(i.timeline.rasaReady! - i.started),
      secondsToHelmExit: seconds(i.helmExited - i.started),
      secondsReadyToHelmExit: seconds(i.helmExited - i.timeline.rasaReady!),
    });
    // From helm's start: when the hook's pod appeared, ran and ended; the rest of the phase is Helm's
    // own work on the hook (one List document: its old copy deleted, created, watched, deleted).
    const jobPod = (p: { created?: number; running?: number; succeeded?: number } | undefined) => p && ({
      secondsToPodCreated: seconds(p.created! - withHooks.started),
      secondsToPodRunning: seconds(p.running! - withHooks.started),
      secondsToPodSucceeded: seconds(p.succeeded! - withHooks.started),
    });
    const [pOn, pOff] = [phases(withHooks), phases(without)];
    const preHooks = seconds((withHooks.timeline.deploymentCreated! - withHooks.started) - (without.timeline.deploymentCreated! - without.started));
    const postHooks = seconds((withHooks.helmExited - withHooks.timeline.rasaReady!) - (without.helmExited - without.timeline.rasaReady!));
    const result = {
      hooksOn: { ...pOn, keygenPod: jobPod(keygen), minterPod: jobPod(minter) },
      hooksOff: pOff,
      secondsAddedBeforeRasa: preHooks,
      secondsAddedAfterReady: postHooks,
      secondsAdded: seconds((preHooks + postHooks) * 1000),
      goalSeconds: GOAL_SECONDS,
    };
    progress(`hook cost: ${JSON.stringify(result)}`);
    new HookCostReport().write(result);
    // A bound that fails on a regression (a hook that waits, a retry, a pull) but not on this
    // shared machine's noise; the goal itself is reported, not asserted.
    expect(result.secondsAdded).toBeLessThan(30);
  }, 2 * STEP_TIMEOUT_MS);
});
