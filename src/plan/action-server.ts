import type { Settings } from '../settings/index.js';
import { actionServerName } from './names.js';

/** Where the action server takes Rasa's calls (rasa_sdk's endpoint). */
export const ACTION_SERVER_WEBHOOK = '/webhook';

/**
 * The action server's probes: all ask GET /health, which rasa_sdk answers as soon as it serves, but
 * each with its own patience. Readiness takes a pod out of the Service within seconds; liveness
 * restarts the container only after a minute without an answer (an action that blocks the event
 * loop for a while is no reason to kill the others' calls); the startup probe gives a package that
 * imports heavy libraries five minutes before liveness counts.
 * Twin: the probes of the chart's action-server-deployment.yaml.
 */
export const ACTION_SERVER_PROBES = {
  path: '/health',
  timeoutSeconds: 5,
  startupProbe: { periodSeconds: 5, failureThreshold: 60 },
  livenessProbe: { periodSeconds: 15, failureThreshold: 4 },
  readinessProbe: { periodSeconds: 5, failureThreshold: 3 },
} as const;

/**
 * The URL Rasa calls the actions at, endpoints.yml's action_endpoint.url: the action server's
 * Service by its cluster DNS name, so that a changed ClusterIP or a new namespace needs nothing.
 * Twin: the chart's "rasa.actionEndpointUrl" helper.
 */
export function actionEndpointUrl(s: Settings, fullnameOfRelease: string, namespace: string): string {
  return `http://${actionServerName(fullnameOfRelease)}.${namespace}.svc:${s.actionServer.port}${ACTION_SERVER_WEBHOOK}`;
}

/**
 * The action server's args, after the image's entry point (rasa/rasa-sdk's `./entrypoint.sh`, whose
 * `start` runs `python -m rasa_sdk`): the actions package the image carries at /app/actions, and
 * the port.
 * Twin: the chart's "rasa.actionServerArgs" helper.
 */
export function actionServerArgs(s: Settings): string[] {
  return ['start', '--actions', 'actions', '--port', String(s.actionServer.port)];
}
