import { isPlainObject } from '../settings/merge.js';
import type { ResolvedWidget } from '../settings/widgets.js';
import { MintError } from './errors.js';
import { checkMethod, type Method } from './key.js';
import { checkClaims } from './token.js';

/**
 * What the minter reads (minter.json in its ConfigMap, rendered by the constructs and the chart):
 * everything but the key, which arrives through an environment variable.
 */
export interface MinterInput {
  /** ConfigMap the tokens and snippets go to. */
  readonly configMap: string;
  /** Labels for that ConfigMap. */
  readonly labels: Readonly<Record<string, string>>;
  /** Environment variable that holds the key (fed by secretKeyRef). */
  readonly keyEnv: string;
  /** The channel's jwt_method. */
  readonly method: Method;
  /**
   * The Rasa Deployment whose pods the minter restarts when it signs with another key than they
   * loaded (see restartOnNewKey); empty for none.
   */
  readonly restartDeployment: string;
  /** The widgets to mint a token and snippets for, with their defaults filled in. */
  readonly widgets: readonly ResolvedWidget[];
}

/** Checks a parsed minter.json; a hand-edited or stale file fails here with the field named. */
export function parseMinterInput(value: unknown): MinterInput {
  const fail = (message: string): never => {
    throw new MintError('ERR_MINT_INPUT', `minter input: ${message}`);
  };
  if (!isPlainObject(value)) return fail('must be a JSON object');
  for (const field of ['configMap', 'keyEnv', 'method'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') fail(`'${field}' must be a non-empty string`);
  }
  const labels = value.labels ?? {};
  if (!isPlainObject(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
    fail("'labels' must map names to strings");
  }
  const restartDeployment = value.restartDeployment ?? '';
  if (typeof restartDeployment !== 'string') fail("'restartDeployment' must be a string");
  if (!Array.isArray(value.widgets)) return fail("'widgets' must be a list");
  const widgets = value.widgets.map((w: unknown, i: number): ResolvedWidget => {
    if (!isPlainObject(w)) return fail(`'widgets[${i}]' must be an object`);
    for (const field of ['name', 'url', 'expiresIn', 'initialPayload'] as const) {
      if (typeof w[field] !== 'string') fail(`'widgets[${i}].${field}' must be a string`);
    }
    if (w.name === '') fail(`'widgets[${i}].name' must not be empty`);
    checkClaims(w.claims, `widgets[${i}].claims`);
    return w as unknown as ResolvedWidget;
  });
  return {
    configMap: value.configMap as string,
    labels: labels as Record<string, string>,
    keyEnv: value.keyEnv as string,
    method: checkMethod(value.method as string, 'method'),
    restartDeployment: restartDeployment as string,
    widgets,
  };
}
