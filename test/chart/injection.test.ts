// Every string that reaches a template is quoted or goes through toYaml/toJson: a value with a
// newline, a '#' or a ': ' can never add a key to a rendered object. Helm either refuses the value
// (schema, validateValues) or renders it as one string, exactly as given.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeHelm, helm, parseObjects } from './helm.js';

const PAYLOAD = 'x\ninjected: true # and a comment\n- injected';

/** Values with PAYLOAD at `path` (dotted, [n] for list items) over `base`. */
function withPayload(path: string, base: object): object {
  const values = structuredClone(base) as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node: Record<string, unknown> = values;
  keys.slice(0, -1).forEach((key, i) => {
    node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys.at(-1)!] = PAYLOAD;
  return values;
}

function keysAnywhere(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysAnywhere(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      found.push(k);
      keysAnywhere(v, found);
    }
  }
  return found;
}

/** Every string in the objects, and in the YAML or JSON documents that ConfigMaps carry as strings. */
function stringLeaves(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    found.push(value);
    if (value.includes('\n') || value.startsWith('{')) {
      try {
        const doc: unknown = parse(value);
        if (doc !== null && typeof doc === 'object') stringLeaves(doc, found);
      } catch {
        // Not a document: a plain string with a newline.
      }
    }
  } else if (Array.isArray(value)) value.forEach((v) => stringLeaves(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringLeaves(v, found));
  return found;
}

describeHelm('no YAML injection through values', () => {
  const ingressOn = { ingress: { enabled: true, host: 'bot.example.com' } };
  test.each<[string, object]>([
    ['rasa.image.registry', {}], ['rasa.image.repository', {}], ['rasa.image.tag', {}], ['rasa.image.digest', {}],
    ['rasa.priorityClassName', {}], ['rasa.extraArgs[0]', {}], ['rasa.cors[0]', {}],
    ['rasa.extraEnv[0].value', { rasa: { extraEnv: [{ name: 'A' }] } }], ['rasa.extraEnv[0].name', { rasa: { extraEnv: [{ value: 'v' }] } }],
    ['rasa.podAnnotations.a', {}], ['rasa.podLabels.a', {}], ['commonLabels.a', {}], ['commonAnnotations.a', {}],
    ['ingress.className', ingressOn], ['ingress.host', ingressOn], ['ingress.annotations.a', ingressOn],
    ['socketio.socketioPath', ingressOn], ['socketio.namespace', {}], ['socketio.userMessageEvt', {}],
    ['socketio.jwtKey.secretName', {}], ['socketio.jwtKey.secretKey', {}], ['socketio.jwtKey.envName', {}],
    ['minter.image.registry', {}], ['minter.image.repository', {}], ['minter.image.tag', {}], ['minter.configMapName', {}],
    ['widgets[0].url', { widgets: [{ name: 'w' }] }], ['widgets[0].initialPayload', { widgets: [{ name: 'w' }] }],
    ['widgets[0].claims.sender_id', { widgets: [{ name: 'w' }] }], ['service.type', {}], ['nameOverride', {}],
  ])('%s', (path, base) => {
    const file = join(mkdtempSync(join(tmpdir(), 'rsj-inject-')), 'values.yaml');
    writeFileSync(file, stringify(withPayload(path, base)));
    const result = helm(['template', 'bot', 'chart', '-f', file]);
    if (result.status !== 0) {
      // Refused: by the schema or validateValues, never by a YAML parse error of the output.
      expect(result.stderr).not.toMatch(/YAML parse error|error converting YAML/);
      return;
    }
    const objects = parseObjects(result.stdout);
    expect(keysAnywhere(objects)).not.toContain('injected');
    // Rendered, the value is inside one string, whole (an image reference is registry/repository:tag):
    // in a field, or in a document a ConfigMap carries.
    expect(stringLeaves(objects).some((leaf) => leaf.includes(PAYLOAD))).toBe(true);
  });
});
