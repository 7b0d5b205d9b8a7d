// Keeps the `required` lists of chart/values.schema.json in step with values.yaml: every setting
// with a non-null default is required, so a `null` in a values file (which Helm, and our reader,
// turn into "no such key" where the chart has a default) is refused by the schema in both
// renderers, instead of reaching a template or a construct as a hole. The exceptions are settings
// where null is meant to remove the default.
//   node scripts/schema-required.mjs          rewrite the schema
//   node scripts/schema-required.mjs --check  exit 1 when the schema is not in step (a test runs it)
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Where null removes what the default gives: the Helm hook annotations (null: no hooks), single
 * requests and limits, the keys of a security context (OpenShift assigns its own UIDs), and the
 * autoscaler's targets.
 */
export const NULL_REMOVES = [
  /^(minter|keyGenerator)\.(job|rbac)Annotations$/,
  // The deprecated aliases: null keeps its old meaning there (no hooks), and {} is their default, which removes nothing.
  /^minter\.keygen(Job|Rbac)Annotations$/,
  /\.resources\.(requests|limits)\.[a-z-]+$/,
  /\.(pod|container)SecurityContext\.[A-Za-z]+$/,
  // An autoscaler target: null means no target on that resource (bitnami's empty).
  /^rasa\.autoscaling\.target[A-Za-z]+UtilizationPercentage$/,
];

/** List items have no defaults to read; what an item cannot do without is named here. */
const ITEM_REQUIRED = {
  widgets: ['name'],
  'rasa.extraEnv': ['name'],
  'ingress.extraPaths': ['path', 'pathType', 'backend'],
  'rasa.extraVolumes': ['name'],
  'rasa.extraVolumeMounts': ['name', 'mountPath'],
  'rasa.initContainers': ['name', 'image'],
  'rasa.sidecars': ['name', 'image'],
  'actionServer.extraEnv': ['name'],
  'actionServer.extraVolumes': ['name'],
  'actionServer.extraVolumeMounts': ['name', 'mountPath'],
  'actionServer.initContainers': ['name', 'image'],
  'actionServer.sidecars': ['name', 'image'],
};

const schemaFile = new URL('../chart/values.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const defaults = parse(readFileSync(new URL('../chart/values.yaml', import.meta.url), 'utf8'));

function requiredFor(node, values, path) {
  const out = {};
  for (const [key, child] of Object.entries(node)) {
    out[key] = child;
    if (key !== 'properties') continue;
    const required = Object.keys(child).filter((k) => k in values && values[k] !== null
      && !NULL_REMOVES.some((re) => re.test(path ? `${path}.${k}` : k)));
    const properties = Object.fromEntries(Object.entries(child).map(([k, sub]) => {
      const value = values[k];
      const at = path ? `${path}.${k}` : k;
      if (sub.items && ITEM_REQUIRED[at]) return [k, { ...sub, items: { ...sub.items, required: ITEM_REQUIRED[at] } }];
      return [k, value && typeof value === 'object' && !Array.isArray(value) ? requiredFor(sub, value, at) : sub];
    }));
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  if (!('properties' in node)) return node;
  if (!out.required) delete out.required;
  return out;
}

const strip = (node) => (typeof node !== 'object' || node === null ? node : Array.isArray(node) ? node.map(strip)
  : Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'required' || !('properties' in node)).map(([k, v]) => [k, strip(v)])));
const text = `${JSON.stringify(requiredFor(strip(schema), defaults, ''), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (text !== readFileSync(schemaFile, 'utf8')) {
    console.error('chart/values.schema.json: its required lists are not those of values.yaml (run node scripts/schema-required.mjs)');
    process.exit(1);
  }
} else {
  writeFileSync(schemaFile, text);
}
