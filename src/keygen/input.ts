import { MintError } from '../minter/errors.js';
import { checkMethod, type Method } from '../minter/key.js';
import { isPlainObject } from '../settings/merge.js';

/**
 * What the key generator reads (keygen.json in its ConfigMap, rendered by the constructs and the
 * chart): the Secret it ensures, and its labels.
 */
export interface KeygenInput {
  /** Labels of the Secret, when the generator creates it. */
  readonly labels: Readonly<Record<string, string>>;
  /** The channel's jwt_method, which sets the shortest key an existing Secret may hold. */
  readonly method: Method;
  /** Key inside the Secret. */
  readonly secretKey: string;
  /** Name of the Secret. */
  readonly secretName: string;
}

/** Checks a parsed keygen.json; a hand-edited or stale file fails here with the field named. */
export function parseKeygenInput(value: unknown): KeygenInput {
  const fail = (message: string): never => {
    throw new MintError('ERR_MINT_INPUT', `keygen input: ${message}`);
  };
  if (!isPlainObject(value)) return fail('must be a JSON object');
  for (const field of ['secretName', 'secretKey'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') fail(`'${field}' must be a non-empty string`);
  }
  const labels = value.labels ?? {};
  if (!isPlainObject(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
    fail("'labels' must map names to strings");
  }
  return {
    labels: labels as Record<string, string>,
    method: checkMethod(String(value.method), 'method'),
    secretKey: value.secretKey as string,
    secretName: value.secretName as string,
  };
}
