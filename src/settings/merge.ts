/**
 * Values read the way Helm reads them, so a values file means the same to `helm template` and to
 * the constructs. Helm does it in two steps, and the difference shows with `null`:
 *  1. the user's files (-f, in order) are merged into one: maps key by key, anything else (lists,
 *     and null too) replaces;
 *  2. that is coalesced with the chart's defaults: a null removes the key where the defaults give
 *     it a value, and stays a null where they do not (`channels: {rest: null}` is Rasa's REST
 *     channel; `minter.ttlSecondsAfterFinished: null` is the default itself).
 */
export function mergeValues(defaults: unknown, ...layers: readonly unknown[]): unknown {
  const user = layers.reduce<unknown>((acc, layer) => mergeUserValues(acc, layer), undefined);
  return coalesce(user, defaults);
}

/** Helm's mergeMaps: the later layer wins, key by key in maps. */
function mergeUserValues(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeUserValues(merged[key], value) : value;
  }
  return merged;
}

/** Helm's coalesceValues / coalesceTables: the user's values over the defaults. */
function coalesce(user: unknown, defaults: unknown): unknown {
  if (user === undefined) return defaults;
  if (!isPlainObject(user) || !isPlainObject(defaults)) return user;
  const result: Record<string, unknown> = { ...user };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (!(key in result)) result[key] = fallback;
    else if (result[key] === null) {
      if (fallback !== null) delete result[key];
    } else result[key] = coalesce(result[key], fallback);
  }
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
