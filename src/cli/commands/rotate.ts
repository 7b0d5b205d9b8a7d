import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { newJwtKey } from '../../keygen/new-key.js';
import {
  KEY_FINGERPRINT_ANNOTATION, keyFingerprint, kubeJson, parseWidgetsIndex, type KubeConnection,
} from '../../minter/index.js';
import { kubeRequest } from '../../minter/kube/request.js';
import type { BotPlan } from '../../plan/index.js';
import { lifetimeProblem, lifetimeSeconds } from '../../settings/lifetime.js';
import type { Command, CommandIo } from '../command.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { KEY_OPTIONS, readKey } from '../key-source.js';
import { kubeconfigConnection, onCluster } from '../kubeconfig.js';
import { RELEASE_OPTIONS, RELEASE_USAGE, releasePlan } from '../release.js';
import { humanSeconds, waitUntil } from '../wait.js';

/** The field manager of the key in the Secret, once rotate has written it. */
export const ROTATE_FIELD_MANAGER = 'rasa-socketio-jwt-rotate';

type Json = Record<string, any>;

/** Where the minter's run comes from: the re-mint CronJob's jobTemplate, or the spec of a minter Job. */
interface MinterRunSource {
  readonly from: string;
  readonly spec: Json;
  readonly labels: Record<string, string>;
  readonly owner?: Json;
}

export const rotate: Command = {
  name: 'rotate',
  usage: `rasa-socketio-jwt rotate -n NS [--release NAME] [-f values.yaml]... [--key-file FILE | --key-env VAR]
                         [--timeout D] [--quiet] [--output text|json]

Rotates the socketio JWT key of a release in the cluster, through your kubeconfig: writes a new key
into the Secret (32 random bytes, hex; or the key in FILE or VAR, never one on the command line),
runs the minter as a Job made from the re-mint CronJob (<fullname>-remint; without one, from the
release's minter Job) and waits for it: it signs every widget token again with the new key and,
with minter.restartOnKeyChange, restarts the Rasa pods, which read the key only at start; then
waits for their rollout. Until the rollout is done, pods that still hold the old key refuse the new
tokens and the others refuse the old ones (see the README).

${RELEASE_USAGE}
  --key-file FILE     the new key, from a file (one trailing newline is dropped)
  --key-env VAR       the new key, from an environment variable
  --timeout D         how long to wait in all (default 10m: 90s, 5m, 1h)
  --quiet             no progress lines on stderr and no text summary; errors still, and -o json's document
  -o, --output F      text (the default) or json: one document on stdout, {namespace, secret,
                      keyFingerprint, previousKeyFingerprint, job, configMap, widgets (a count),
                      deployment, replicas} (previousKeyFingerprint null for a Secret that held no
                      key; deployment and replicas null when minter.restartOnKeyChange is off)

While it waits (the Job, the rollout) it says on stderr what for, and again every 15 seconds.

It needs, in NS: get and patch on the Secret; get on cronjobs (or list on jobs); create and get on
jobs; list on pods and get on pods/log (for a failed run's log); get on configmaps and deployments.`,

  async run(argv, env, io) {
    const { values: o } = parseArgs({
      args: [...argv],
      options: {
        ...RELEASE_OPTIONS,
        ...KEY_OPTIONS,
        timeout: { type: 'string', default: '10m' },
        quiet: { type: 'boolean', default: false },
        output: { type: 'string', short: 'o', default: 'text' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (o.output !== 'text' && o.output !== 'json') throw usageError(`--output (${o.output}) must be text or json`);
    const timeoutProblem = lifetimeProblem(o.timeout, '--timeout');
    if (timeoutProblem) throw usageError(timeoutProblem);
    const plan = releasePlan(o);
    if (plan.gates.jwtKeySecret) {
      throw usageError('socketio.jwtKey.literal renders the Secret from the values: the next helm upgrade or sync would put that key ' +
        'back. Change socketio.jwtKey.literal instead (local use only), or keep the key in a Secret of your own');
    }
    const method = plan.settings.socketio.jwtMethod;
    const given = o['key-file'] !== undefined || o['key-env'] !== undefined;
    const key = given ? readKey(o, env, method) : new TextEncoder().encode(newJwtKey());
    const deadline = Date.now() + lifetimeSeconds(o.timeout) * 1000;
    const say: CommandIo = { progress: o.quiet ? () => {} : (line) => io.progress(line) };
    const conn = await kubeconfigConnection(env);
    const outcome = await onCluster(conn, () => new Rotation(conn, plan, say, deadline).run(key));
    if (o.output === 'json') return { stdout: `${JSON.stringify(outcome, null, 2)}\n` };
    if (o.quiet) return {};
    const lines = [
      `rotated the key in Secret ${outcome.namespace}/${outcome.secret}: fingerprint ${outcome.keyFingerprint}, was ${outcome.previousKeyFingerprint ?? 'none'}`,
      `re-minted ${outcome.widgets} widget token(s) into ConfigMap ${outcome.namespace}/${outcome.configMap} (Job ${outcome.job})`,
      outcome.deployment === null
        ? 'the Rasa pods were not restarted (minter.restartOnKeyChange is off): restart them, e.g. kubectl rollout restart deployment'
        : `Deployment ${outcome.namespace}/${outcome.deployment} rolled out: ${outcome.replicas} pod(s) run with the new key`,
    ];
    return { stdout: lines.map((l) => `${l}\n`).join('') };
  },
};

/** What rotate did, as --output json prints it. */
interface RotationOutcome {
  readonly namespace: string;
  readonly secret: string;
  readonly keyFingerprint: string;
  readonly previousKeyFingerprint: string | null;
  readonly job: string;
  readonly configMap: string;
  readonly widgets: number;
  /** The Rasa Deployment restarted, or null when minter.restartOnKeyChange is off. */
  readonly deployment: string | null;
  readonly replicas: number | null;
}

/** One rotation: every check that can fail comes before the Secret changes. */
class Rotation {
  private readonly namespace: string;

  constructor(private readonly conn: KubeConnection, private readonly plan: BotPlan, private readonly io: CommandIo,
    private readonly deadline: number) {
    this.namespace = plan.namespace;
  }

  async run(key: Uint8Array): Promise<RotationOutcome> {
    const { plan, namespace } = this;
    const { secretName, secretKey } = plan.settings.socketio.jwtKey;
    const source = await this.minterRunSource();
    const secretPath = this.path('api/v1', 'secrets', secretName);
    const secret = await this.request<Json>('GET', secretPath, `Secret ${namespace}/${secretName}`, 'get and patch on secrets');
    if (secret === undefined) {
      throw new CliError(`Secret ${namespace}/${secretName} does not exist: rotate replaces the key in the Secret the release reads ` +
        '(socketio.jwtKey.secretName); are -n, --release and -f those of the release?', { code: 'ERR_NOT_FOUND', exitCode: EXIT.FAILURE });
    }
    const old = secret.data?.[secretKey] as string | undefined;
    const previous = old === undefined ? null : keyFingerprint(Buffer.from(old, 'base64'));
    const fingerprint = keyFingerprint(key);
    if (previous === fingerprint) throw usageError(`the new key is the one Secret ${namespace}/${secretName} holds already (fingerprint ${fingerprint})`);

    await this.request('PATCH', `${secretPath}?fieldManager=${ROTATE_FIELD_MANAGER}`, `Secret ${namespace}/${secretName}`,
      'get and patch on secrets', { data: { [secretKey]: Buffer.from(key).toString('base64') } }, 'application/merge-patch+json');
    this.io.progress(`wrote a new key into Secret ${namespace}/${secretName} (key ${secretKey}): fingerprint ${fingerprint}, was ${previous ?? 'none'}`);

    const job = `${plan.reminter.name.replace(/-remint$/, '')}-rotate-${randomBytes(3).toString('hex').slice(0, 5)}`;
    await this.request('POST', this.path('apis/batch/v1', 'jobs'), `Job ${namespace}/${job}`, 'create and get on jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: job,
        namespace,
        labels: source.labels,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ...(source.owner ? { ownerReferences: [source.owner] } : {}),
      },
      spec: source.spec,
    });
    const restart = plan.minter.input.restartDeployment;
    this.io.progress(`started Job ${namespace}/${job} from ${source.from}: the minter signs the widget tokens with the new key` +
      (restart ? ' and restarts the Rasa pods' : ''));
    await this.jobDone(job, secretName);

    const configMap = plan.minter.outputName;
    const index = parseWidgetsIndex((await this.request<Json>('GET', this.path('api/v1', 'configmaps', configMap),
      `ConfigMap ${namespace}/${configMap}`, 'get on configmaps'))?.data?.['index.json']);
    if (index?.keyFingerprint !== fingerprint) {
      throw new CliError(`the minter's Job succeeded, but ConfigMap ${namespace}/${configMap} holds tokens of key ` +
        `${index?.keyFingerprint ?? '(none)'}, not of the new key ${fingerprint}: does something else write the Secret or the ConfigMap?`,
      { code: 'ERR_NOT_ROTATED', exitCode: EXIT.FAILURE });
    }
    const outcome = { namespace, secret: secretName, keyFingerprint: fingerprint, previousKeyFingerprint: previous, job, configMap, widgets: index.widgets.length };
    if (!restart) return { ...outcome, deployment: null, replicas: null };
    return { ...outcome, deployment: restart, replicas: await this.rolledOut(restart, fingerprint) };
  }

  /** The re-mint CronJob's jobTemplate or, without one, the newest minter Job of the release. Checked before the key changes. */
  private async minterRunSource(): Promise<MinterRunSource> {
    const { plan, namespace } = this;
    const cronJob = plan.reminter.name;
    const found = await this.request<Json>('GET', this.path('apis/batch/v1', 'cronjobs', cronJob), `CronJob ${namespace}/${cronJob}`, 'get on cronjobs');
    if (found !== undefined) {
      return {
        from: `CronJob ${namespace}/${cronJob}`,
        spec: found.spec.jobTemplate.spec,
        labels: { ...found.spec.jobTemplate.spec.template?.metadata?.labels },
        // As `kubectl create job --from=cronjob/...`: the CronJob owns the run, counts it in its history and starts none beside it.
        owner: { apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob, uid: found.metadata.uid, controller: true, blockOwnerDeletion: true },
      };
    }
    const selector = encodeURIComponent(`app.kubernetes.io/instance=${plan.release},app.kubernetes.io/component=minter`);
    const jobs = await this.request<Json>('GET', `${this.path('apis/batch/v1', 'jobs')}?labelSelector=${selector}`,
      `the Jobs of ${namespace}`, 'list on jobs');
    const newest = (jobs?.items as Json[] ?? [])
      .filter((j) => !(j.metadata.ownerReferences ?? []).some((r: Json) => r.kind === 'CronJob'))
      .sort((a, b) => Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp))[0];
    const missing = newest === undefined ? undefined : await this.missingPodObjects(newest.spec.template.spec);
    if (newest === undefined || missing) {
      throw new CliError(`rotate runs the minter from the re-mint CronJob ${namespace}/${cronJob} or from a minter Job of release ` +
        `${plan.release}, and ${newest === undefined ? 'neither is there' : `there is no CronJob, and Job ${newest.metadata.name} cannot run again (${missing})`}: ` +
        "a minter made a Helm hook (minter.jobAnnotations) is deleted with its RBAC once it succeeds. Keep the CronJob: give a widget expiresIn, " +
        'or set minter.schedule (e.g. --set minter.schedule=@weekly) and upgrade. The key was not changed',
      { code: 'ERR_NO_MINTER', exitCode: EXIT.FAILURE });
    }
    const template = structuredClone(newest.spec.template) as Json;
    for (const label of ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']) {
      delete template.metadata?.labels?.[label];
    }
    const { selector: _selector, manualSelector: _manual, ...spec } = newest.spec as Json;
    return { from: `Job ${namespace}/${newest.metadata.name}`, spec: { ...spec, template }, labels: { ...template.metadata?.labels } };
  }

  /** What a pod spec needs that is gone (its ServiceAccount, its ConfigMaps), or undefined. */
  private async missingPodObjects(pod: Json): Promise<string | undefined> {
    const wanted: Array<[string, string]> = [['serviceaccounts', pod.serviceAccountName ?? 'default'],
      ...(pod.volumes as Json[] ?? []).filter((v) => v.configMap).map((v): [string, string] => ['configmaps', v.configMap.name])];
    for (const [resource, name] of wanted) {
      if (await this.request('GET', this.path('api/v1', resource, name), `${resource} ${this.namespace}/${name}`, `get on ${resource}`) === undefined) {
        return `its ${resource.replace(/s$/, '')} ${name} is gone`;
      }
    }
    return undefined;
  }

  /** Waits for the Job; a failed one ends the rotation with its pod's log. */
  private async jobDone(job: string, secretName: string): Promise<void> {
    const path = this.path('apis/batch/v1', 'jobs', job);
    const outcome = await waitUntil(this.io, `Job ${this.namespace}/${job} to finish`, async () => {
      const found = await this.request<Json>('GET', path, `Job ${this.namespace}/${job}`, 'get on jobs');
      if ((found?.status?.succeeded ?? 0) > 0) return 'succeeded';
      const failed = (found?.status?.conditions as Json[] ?? []).some((c) => c.type === 'Failed' && c.status === 'True');
      return failed ? 'failed' : undefined;
    }, this.deadline);
    if (outcome === 'succeeded') return;
    throw new CliError(`Job ${this.namespace}/${job} failed. Secret ${this.namespace}/${secretName} holds the new key already: ` +
      `once the cause is fixed, the CronJob's next run (or kubectl create job -n ${this.namespace} --from=cronjob/${this.plan.reminter.name} ` +
      `NAME) signs the tokens with it and restarts the pods. The minter's log:\n${await this.lastPodLog(job)}`,
    { code: 'ERR_MINTER_FAILED', exitCode: EXIT.FAILURE });
  }

  /** The log of the Job's newest pod, indented; what could not be read says why. */
  private async lastPodLog(job: string): Promise<string> {
    const pods = await this.request<Json>('GET', `${this.path('api/v1', 'pods')}?labelSelector=${encodeURIComponent(`batch.kubernetes.io/job-name=${job}`)}`,
      `the pods of Job ${this.namespace}/${job}`, 'list on pods');
    const pod = (pods?.items as Json[] ?? []).sort((a, b) => Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp))[0];
    if (pod === undefined) return '  (no pod)';
    const res = await kubeRequest(this.conn, { method: 'GET', path: `${this.path('api/v1', 'pods', pod.metadata.name)}/log?tailLines=40`, timeoutMs: 15_000 });
    const text = res.status === 200 ? res.body : `(cannot read the log of pod ${pod.metadata.name}: ${res.status})`;
    return text.trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
  }

  /** Waits until every pod of the Deployment runs the template that carries the new key's fingerprint. */
  private async rolledOut(deployment: string, fingerprint: string): Promise<number> {
    const path = this.path('apis/apps/v1', 'deployments', deployment);
    const what = `Deployment ${this.namespace}/${deployment}`;
    const started = Date.now();
    const replicas = await waitUntil(this.io, `${what} to roll out: its new pods load the new key at start`, async () => {
      const d = await this.request<Json>('GET', path, what, 'get on deployments');
      if (d === undefined) return -1;
      if (d.spec.template.metadata?.annotations?.[KEY_FINGERPRINT_ANNOTATION] !== fingerprint) {
        throw new CliError(`the minter's Job succeeded, but ${what} does not carry the new key's fingerprint in its pod template ` +
          `(annotation ${KEY_FINGERPRINT_ANNOTATION}): its pods may still hold the old key; restart them (kubectl rollout restart)`,
        { code: 'ERR_NOT_RESTARTED', exitCode: EXIT.FAILURE });
      }
      const want = d.spec.replicas ?? 1;
      const st = d.status ?? {};
      const done = (st.observedGeneration ?? 0) >= d.metadata.generation && (st.updatedReplicas ?? 0) >= want
        && (st.replicas ?? 0) <= (st.updatedReplicas ?? 0) && (st.availableReplicas ?? 0) >= (st.updatedReplicas ?? 0);
      return done ? want : undefined;
    }, this.deadline);
    if (replicas < 0) throw new CliError(`${what} is gone`, { code: 'ERR_NOT_FOUND', exitCode: EXIT.FAILURE });
    this.io.progress(`${what} rolled out after ${humanSeconds((Date.now() - started) / 1000)}: ${replicas} pod(s) with the new key`);
    return replicas;
  }

  private path(api: string, resource: string, name?: string): string {
    return `/${api}/namespaces/${encodeURIComponent(this.namespace)}/${resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }

  private request<T>(method: 'GET' | 'PATCH' | 'POST', path: string, what: string, permission: string, body?: unknown, contentType?: string): Promise<T | undefined> {
    return kubeJson<T>(this.conn, {
      method, path, what, permission: `${permission} in namespace ${this.namespace}`,
      ...(body === undefined ? {} : { body }), ...(contentType ? { contentType } : {}),
    });
  }
}
