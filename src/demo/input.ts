import { RasaSocketioJwtError } from '../settings/errors.js';
import { isPlainObject } from '../settings/merge.js';

/** A demo.json that the page server cannot run with. */
export class DemoInputError extends RasaSocketioJwtError {
  override readonly code = 'ERR_DEMO_INPUT';
}

/**
 * What the demo page server reads (demo.json in its ConfigMap, rendered by the constructs and the
 * chart): the widget it shows, where the minter's ConfigMap is mounted, and what the page tells a
 * user about reaching Rasa.
 */
export interface DemoInput {
  /** The ConfigMap the minter fills with the tokens and snippets (named on the page). */
  readonly configMap: string;
  /** The namespace of the release, for the commands the page gives. */
  readonly namespace: string;
  /** The port the page is served on. */
  readonly port: number;
  /** The Rasa Service, which a widget reaches through kubectl port-forward. */
  readonly rasaService: string;
  /** Its port (service.port). */
  readonly rasaServicePort: number;
  /** The widget the page shows: the prefix of its keys in the ConfigMap. */
  readonly widget: string;
  /** Where that ConfigMap is mounted; read at each request, so a new token shows without a restart. */
  readonly widgetsDir: string;
}

/** Checks a parsed demo.json; a hand-edited or stale file fails here with the field named. */
export function parseDemoInput(value: unknown): DemoInput {
  const fail = (message: string): never => {
    throw new DemoInputError(`demo input: ${message}`);
  };
  if (!isPlainObject(value)) return fail('must be a JSON object');
  for (const field of ['configMap', 'namespace', 'rasaService', 'widget', 'widgetsDir'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') fail(`'${field}' must be a non-empty string`);
  }
  for (const field of ['port', 'rasaServicePort'] as const) {
    const port = value[field];
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) fail(`'${field}' must be a port (1 to 65535)`);
  }
  return {
    configMap: value.configMap as string,
    namespace: value.namespace as string,
    port: value.port as number,
    rasaService: value.rasaService as string,
    rasaServicePort: value.rasaServicePort as number,
    widget: value.widget as string,
    widgetsDir: value.widgetsDir as string,
  };
}
