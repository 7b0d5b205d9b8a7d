import { chartYaml, type Settings } from '../settings/index.js';
import { appName } from './names.js';

/** The chart's appVersion (.Chart.AppVersion): the Rasa version the defaults run (app.kubernetes.io/version). */
export const APP_VERSION: string = chartYaml().appVersion as string;

/**
 * The parts of a bot, each with its own pods: the Rasa server, the minter, the key generator, the
 * action server and the demo page.
 */
export type Component = 'server' | 'minter' | 'keygen' | 'action-server' | 'demo';

/**
 * Labels that select the pods of one component of one release. Selectors are immutable, so these
 * never carry a version or a hash of the construct path: renaming a construct must not orphan pods.
 * Twin: the chart's "rasa.selectorLabels" helper.
 */
export function selectorLabels(settings: Settings, release: string, component: Component): Record<string, string> {
  return {
    'app.kubernetes.io/name': appName(settings),
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/component': component,
  };
}

/**
 * Labels of every object: the selector labels, the version, and the user's common labels.
 * Twin: the chart's "rasa.objectLabels" helper ("rasa.labels" adds Helm's own two).
 */
export function objectLabels(settings: Settings, release: string, component: Component): Record<string, string> {
  return {
    ...settings.commonLabels,
    ...selectorLabels(settings, release, component),
    'app.kubernetes.io/version': APP_VERSION,
  };
}
