import { boundedLifetimeSeconds, REMINT_FRACTION } from '../settings/lifetime.js';
import type { Settings } from '../settings/index.js';
import { remintName } from './names.js';

/**
 * The schedules a derived re-mint may have, from the most to the least frequent, each with its
 * period in seconds: every period divides the next unit (an hour, a day, a week), so the runs are
 * evenly spaced. The derived schedule is the least frequent one whose period is at most a quarter
 * of the shortest widget lifetime (REMINT_FRACTION).
 * Twin: the list in the chart's "rasa.remintSchedule" helper.
 */
export const REMINT_SCHEDULES: ReadonlyArray<readonly [periodSeconds: number, schedule: string]> = [
  [60, '* * * * *'], [120, '*/2 * * * *'], [180, '*/3 * * * *'], [240, '*/4 * * * *'], [300, '*/5 * * * *'],
  [360, '*/6 * * * *'], [600, '*/10 * * * *'], [720, '*/12 * * * *'], [900, '*/15 * * * *'], [1200, '*/20 * * * *'],
  [1800, '*/30 * * * *'], [3600, '0 * * * *'], [7200, '0 */2 * * *'], [10800, '0 */3 * * *'], [14400, '0 */4 * * *'],
  [21600, '0 */6 * * *'], [28800, '0 */8 * * *'], [43200, '0 */12 * * *'], [86400, '0 0 * * *'], [604800, '0 0 * * 0'],
];

/** The re-mint CronJob (see remintSchedule). */
export interface ReminterPlan {
  /** Name of the CronJob (see remintName); its Jobs are named after it. */
  readonly name: string;
  /** Its cron schedule; empty when there is no CronJob. */
  readonly schedule: string;
  /** A run that cannot start within this many seconds of its time is skipped, and counts as missed. */
  readonly startingDeadlineSeconds: number;
  /** Finished Jobs kept, with their pods and logs: the last successful one, the last failed ones. */
  readonly successfulJobsHistoryLimit: number;
  /** Failed Jobs kept, so that the reason of a failed run can still be read. */
  readonly failedJobsHistoryLimit: number;
}

/**
 * The re-mint CronJob's schedule: minter.schedule when set; else, when a widget expires, the
 * derived one (see REMINT_SCHEDULES), so that every token in the ConfigMap is renewed at least
 * three times before it expires; else empty: no CronJob. Lifetimes under four minutes are refused
 * by a rule (widgetLifetimeTooShortToRemint) when the schedule is derived.
 * Twin: the chart's "rasa.remintSchedule" helper.
 */
export function remintSchedule(s: Settings): string {
  if (!s.minter.enabled) return '';
  if (s.minter.schedule) return s.minter.schedule;
  const lifetimes = s.widgets.map((w) => boundedLifetimeSeconds(w.expiresIn ?? '')).filter((l) => l !== undefined);
  if (lifetimes.length === 0) return '';
  const period = Math.min(...lifetimes) / REMINT_FRACTION;
  return REMINT_SCHEDULES.filter(([seconds]) => seconds <= period).at(-1)?.[1] ?? REMINT_SCHEDULES[0]![1];
}

/**
 * The re-mint CronJob: its name, schedule, and the limits that keep it tidy.
 * Twin: the chart's cronjob.yaml.
 */
export function reminterPlan(s: Settings, fullnameOfRelease: string): ReminterPlan {
  return {
    name: remintName(fullnameOfRelease),
    schedule: remintSchedule(s),
    // A run more than five minutes late is skipped for the next one. Without a deadline the
    // controller stops scheduling a CronJob that has missed more than 100 runs (after an outage).
    startingDeadlineSeconds: 300,
    successfulJobsHistoryLimit: 1,
    failedJobsHistoryLimit: 3,
  };
}
