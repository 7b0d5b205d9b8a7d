import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { objectMetadata, type ComponentMetadata, type MinterJobPlan, type PodMetadata, type ReminterPlan } from '../plan/index.js';
import type { MinterSettings } from '../settings/index.js';
import { buildScriptPod, scriptJobLimits } from './script-job.js';

/** Properties of `TokenReminter`. */
export interface TokenReminterProps {
  /** The CronJob's part of the plan (plan.reminter): its name, schedule and history limits. */
  readonly plan: ReminterPlan;
  /** The minter Job's part of the plan (plan.minter): the program its runs run, as the minter Job runs it. */
  readonly job: MinterJobPlan;
  /** The minter section of the settings, which its pods run under, as the minter Job's do. */
  readonly minter: MinterSettings;
  /** The minter's ServiceAccount, whose Role may write the widgets ConfigMap (TokenMinter.scriptJob.serviceAccount). */
  readonly serviceAccount: kplus.IServiceAccount;
  /** The minter's files ConfigMap: the program and its input (TokenMinter.scriptJob.files). */
  readonly files: kplus.IConfigMap;
  /** The Secret and key the JWT key comes from, as the env var the minter reads (job.input.keyEnv). */
  readonly jwtKey: kplus.SecretValue;
  /**
   * Namespace, labels and annotations of the CronJob, which the plan names.
   * @default - none
   */
  readonly metadata?: ComponentMetadata;
  /**
   * metadata of its Jobs' pod template: the minter's, so that whatever selects minter pods selects these.
   * @default - none
   */
  readonly podMetadata?: PodMetadata;
}

/**
 * A schedule as written: cdk8s's Cron is built from its five fields only, and a schedule such as
 * `@daily` has none.
 */
class CronText extends Cron {
  public override readonly expressionString: string;

  constructor(text: string) {
    super();
    this.expressionString = text;
  }
}

/**
 * The CronJob that runs the minter again before the widget tokens expire: the minter Job's pod on a
 * schedule (reminterPlan), with the minter's ServiceAccount and files, which it references and does
 * not own. A plain object, updated in place, so it runs the same under Helm, kubectl apply and GitOps.
 */
export class TokenReminter extends Construct {
  /** The CronJob, whose Jobs run the minter's pod. */
  public readonly cronJob: kplus.CronJob;

  constructor(scope: Construct, id: string, props: TokenReminterProps) {
    super(scope, id);
    const { plan, job, minter } = props;
    this.cronJob = new kplus.CronJob(this, 'CronJob', {
      metadata: objectMetadata(props.metadata ?? {}, plan.name),
      podMetadata: props.podMetadata,
      schedule: new CronText(plan.schedule),
      // One run at a time: a late run is skipped, not stacked.
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.seconds(plan.startingDeadlineSeconds),
      successfulJobsRetained: plan.successfulJobsHistoryLimit,
      failedJobsRetained: plan.failedJobsHistoryLimit,
      // No ttlAfterFinished: the history limits keep the last runs (a failed one with its log).
      ...scriptJobLimits(minter),
      serviceAccount: props.serviceAccount,
      automountServiceAccountToken: true,
      containers: [],
    });
    buildScriptPod(this.cronJob, job, {
      minter,
      files: props.files,
      envVariables: { [job.input.keyEnv]: kplus.EnvValue.fromSecretValue(props.jwtKey) },
    });
  }
}
