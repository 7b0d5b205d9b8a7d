/**
 * JSON as Helm's toJson writes it (Go's encoding/json): map keys sorted by their UTF-8 bytes, and
 * <, >, & and the line separators escaped. Files the chart renders with toJson must match the
 * plan's byte for byte, and their hashes name objects. Written out here rather than through a
 * sorted JS object: JS puts integer-like keys ("9" before "10") first in numeric order, and its
 * default sort compares UTF-16 units, which puts an emoji before U+E000-U+FFFF.
 * Twin: Helm's own toJson.
 */
export function goJson(value: unknown): string {
  return write(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function write(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
}
