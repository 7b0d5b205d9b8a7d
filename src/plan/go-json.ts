/**
 * JSON as Helm's toJson writes it (Go's encoding/json): map keys sorted, and <, >, & and the
 * line separators escaped. Files the chart renders with toJson must match the plan's byte for byte,
 * and their hashes name objects.
 * Twin: Helm's own toJson.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}
