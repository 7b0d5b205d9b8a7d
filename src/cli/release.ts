import type { ParseArgsOptionsConfig } from 'node:util';
import { planBot, type BotPlan } from '../plan/index.js';
import { resolveSettings } from '../settings/index.js';
import { usageError } from './errors.js';
import { readValuesFiles } from './values-files.js';

/** The options that name a release in a cluster, for the commands that read or change one. */
export const RELEASE_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  release: { type: 'string', default: 'rasa' },
  values: { type: 'string', short: 'f', multiple: true, default: [] as string[] },
} satisfies ParseArgsOptionsConfig;

/** Their lines of a command's usage. */
export const RELEASE_USAGE = `  -n, --namespace NS  the release's namespace
  --release NAME      its release name (default: rasa)
  -f, --values FILE   the values it was installed with (repeatable), for the names of its objects`;

/**
 * The plan of the release that -n, --release and -f name: the names of its objects (the Secret,
 * the ConfigMaps, the CronJob, the Deployment), as `helm install` and synth named them.
 */
export function releasePlan(o: { namespace?: string | undefined; release: string; values: string[] }): BotPlan {
  if (!o.namespace) throw usageError("-n NAMESPACE is required: the release's namespace");
  return planBot(resolveSettings(...readValuesFiles(o.values)), { release: o.release, namespace: o.namespace });
}
