// Values files drawn from chart/values.schema.json for the generative Helm ≡ synth test: the
// chart's defaults with one to three settings changed to the nasty corners on purpose (YAML 1.1
// scalars, nulls at every level, unicode, long strings, newlines and '#', empty maps and lists,
// boundary numbers). Written as YAML text, so both renderers parse the very same bytes.
import { readFileSync } from 'node:fs';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | Schema;
};

/** A small seeded generator (mulberry32): a seed replays a run exactly. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A scalar as it is written in the file, quotes and all. */
class Raw {
  constructor(readonly text: string) {}
}
type Tree = Raw | null | Tree[] | { [key: string]: Tree };

const NASTY_STRINGS = [
  'yes', 'on', 'n', 'Off', '010', '0o17', '5_005', '1:20', '2001-12-14', '0x1F', '1e3', '~', '""', "''",
  '"yes"', "'010'", '"a\\nb"', '"x # y"', '"key: value"', '"- item"', "'it''s'", 'é-ünïcödé', '"日本語"', '"\\t"',
  `"${'x'.repeat(300)}"`, `"${'word '.repeat(30)}end"`, `"${'y'.repeat(75)} folds here or not"`, '"😀 emoji"', 'a10', 'a9', 'web', 'bot.example.com', 'https://bot.example.com', '/socket.io', '"$(echo hi)"',
  '"${HOME}"', 'rasa/rasa', '3.6.21', '500m', '"256Mi"', '"3.6 x"', 'Registry.Example.com:5000/x', 'HS512', 'Always', '-1', '0', '"0"', 'true', '"true"', 'null',
];
const NASTY_NUMBERS = ['0', '1', '-1', '2', '65535', '65536', '2147483647', '2147483648', '1e20', '1.5', '010', '0x10', '"5"', 'yes'];
const NASTY_KEYS = ['a', 'a9', 'a10', '_x', 'A', 'y', 'on', 'n', '010', '"quoted key"', 'dotted.key', 'sender_id', 'aud', 'jwt_key', 'rest'];

function types(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function scalarFor(schema: Schema, random: Random): Raw {
  if (schema.enum && random.next() < 0.5) return new Raw(JSON.stringify(random.pick(schema.enum)));
  const t = types(schema);
  if ((t.includes('integer') || t.includes('number')) && random.next() < 0.7) {
    const bounds = [schema.minimum, schema.maximum].filter((b) => b !== undefined).flatMap((b) => [b! - 1, b!, b! + 1]);
    return new Raw(String(random.pick([...NASTY_NUMBERS, ...bounds.map(String)])));
  }
  if (t.includes('boolean') && random.next() < 0.5) return new Raw(random.pick(['true', 'false', 'yes', 'no', 'on', 'off', '"true"']));
  return new Raw(random.pick(NASTY_STRINGS));
}

/**
 * Kubernetes types that the settings pass through as given. synth writes them through cdk8s's typed
 * serializers, which drop fields Kubernetes does not know (as the API server would), where Helm's
 * toYaml keeps them: a difference of the rendered text that no cluster sees, left out of the draw
 * (and named in the generative test's notes) until the renderers agree on it.
 */
const KUBERNETES_TYPED: Readonly<Record<string, () => readonly Tree[]>> = {
  'rasa.affinity': (): Tree[] => [null, {}, { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }],
  'rasa.tolerations': () => [null, [], [{ key: new Raw('dedicated'), operator: new Raw('Equal'), value: new Raw('"yes"'), effect: new Raw('NoSchedule') }]],
  'rasa.topologySpreadConstraints': () => [null, [], [{ maxSkew: new Raw('1'), topologyKey: new Raw('kubernetes.io/hostname'), whenUnsatisfiable: new Raw('ScheduleAnyway') }]],
  // The Jobs' own, or null for the Rasa pods' (see jobScheduling).
  'minter.affinity': (): Tree[] => [null, {}, { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }],
  'minter.tolerations': () => [null, [], [{ key: new Raw('batch'), operator: new Raw('Exists'), effect: new Raw('NoExecute'), tolerationSeconds: new Raw('30') }]],
  'actionServer.affinity': (): Tree[] => [null, {}, { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }],
  'actionServer.tolerations': () => [null, [], [{ key: new Raw('actions'), operator: new Raw('Exists'), effect: new Raw('NoSchedule') }]],
  'actionServer.topologySpreadConstraints': () => [null, [], [{ maxSkew: new Raw('2'), topologyKey: new Raw('topology.kubernetes.io/zone'), whenUnsatisfiable: new Raw('DoNotSchedule') }]],
};
const isKubernetesTyped = (path: string) => Object.keys(KUBERNETES_TYPED).some((p) => path === p || path.startsWith(`${p}.`));

/** A name Kubernetes takes, now and then one the pod has already (a rule refuses it). */
const k8sName = (random: Random) => new Raw(random.next() < 0.1 ? random.pick(['tmp', 'rasa', 'config', 'action-server'])
  : random.pick(['web', 'a9', 'a10', 'side-car', "'010'", 'x'.repeat(63)]));
const MOUNT_PATHS = ['/data', '/app/x y', '/é', '"/yes"', '/srv/', '/tmp/sub', '/tmp/'];
const IMAGES = ['busybox:1.36', '"010"', `registry.example.com:5000/tools/x@sha256:${'a'.repeat(64)}`, "'yes'"];

/** Fields Kubernetes does not know, with nasty keys and values: both renderers must keep them alike. */
function unknownFields(random: Random): { [key: string]: Tree } {
  const out: { [key: string]: Tree } = {};
  for (let i = random.int(3); i > 0; i--) out[random.pick(NASTY_KEYS)] = random.next() < 0.3 ? valueFor({ type: 'object' }, random, 2) : scalarFor({}, random);
  return out;
}

function container(random: Random): { [key: string]: Tree } {
  const resources = { limits: { cpu: new Raw(random.pick(['100m', '0.5', '1', '"2"'])), memory: new Raw(random.pick(['64Mi', '1e3', '1Gi'])) } };
  const extras: { [key: string]: Tree }[] = [{}, { resources }, { ports: [{ containerPort: new Raw(random.pick(['8080', '65535', '"80"'])) }] },
    { env: [{ name: new Raw('A'), value: new Raw(random.pick(NASTY_STRINGS)) }] }, { securityContext: { runAsUser: new Raw('0') } }];
  return { name: k8sName(random), image: new Raw(random.pick(IMAGES)), ...random.pick(extras), ...unknownFields(random) };
}

/** The sections whose pods have extension points. */
const POD_SECTIONS = ['rasa', 'actionServer'] as const;

/**
 * Items of the lists of Kubernetes objects that the settings pass through as given (rasa.sidecars...):
 * most draws give the keys Kubernetes requires values that pass, so that they render, with fields
 * Kubernetes does not know besides; the others are drawn from the schema like any setting.
 */
const EXTENSION_OBJECTS: Readonly<Record<string, (random: Random) => { [key: string]: Tree }>> = {
  'extraVolumes[]': (random) => ({
    name: k8sName(random),
    ...random.pick<{ [key: string]: Tree }>([{}, { emptyDir: { sizeLimit: new Raw('64Mi') } }, { configMap: { name: new Raw('web'), defaultMode: new Raw('0644') } }]),
    ...unknownFields(random),
  }),
  'extraVolumeMounts[]': (random) => ({ name: k8sName(random), mountPath: new Raw(random.pick(MOUNT_PATHS)), ...unknownFields(random) }),
  'initContainers[]': container,
  'sidecars[]': container,
  'extraEnvFrom[]': (random) => ({
    [random.pick(['configMapRef', 'secretRef'])]: { name: random.next() < 0.1 ? new Raw('Web') : k8sName(random) },
    ...(random.next() < 0.5 ? { prefix: new Raw(random.pick(['BOT_', '"x # y"', "'010'", '"yes"', '""'])) } : {}),
  }),
};
const KUBERNETES_OBJECTS: Readonly<Record<string, (random: Random) => { [key: string]: Tree }>> = Object.fromEntries(
  POD_SECTIONS.flatMap((section) => Object.entries(EXTENSION_OBJECTS).map(([list, item]) => [`${section}.${list}`, item])));

/**
 * Settings of a section that is off by default change nothing while it is off: a draw that sets
 * some of them switches it on, most times, so that what they render is compared.
 */
const OFF_BY_DEFAULT = ['actionServer', 'demo'] as const;

/**
 * One values document that sets only the extension points of one pod, the Rasa pod's or the action
 * server's (switched on), each list with a chance, drawn as above: most render, so that what both
 * renderers pass through as given is compared; a mount usually names one of the drawn volumes.
 */
export function drawExtensionValues(random: Random): string {
  const section = random.pick(POD_SECTIONS);
  const values: { [key: string]: Tree } = section === 'rasa' ? {} : { enabled: new Raw('true') };
  for (const [list, item] of Object.entries(EXTENSION_OBJECTS)) {
    if (random.next() < 0.5) values[list.slice(0, -2)] = Array.from({ length: 1 + random.int(2) }, () => item(random));
  }
  const volumes = (values.extraVolumes ?? []) as { [key: string]: Tree }[];
  for (const mount of (values.extraVolumeMounts ?? []) as { [key: string]: Tree }[]) {
    if (volumes.length > 0 && random.next() < 0.9) mount.name = random.pick(volumes).name!;
  }
  return `${emit({ [section]: values }, 0).join('\n')}\n`;
}

/** A value for `schema`: usually of the right shape, with nasty leaves; sometimes null or empty. */
function valueFor(schema: Schema, random: Random, depth: number, path = ''): Tree {
  if (path in KUBERNETES_TYPED) return random.pick(KUBERNETES_TYPED[path]!());
  if (path in KUBERNETES_OBJECTS && random.next() < 0.8) return KUBERNETES_OBJECTS[path]!(random);
  const roll = random.next();
  if (roll < 0.08) return null;
  const t = types(schema);
  if (t.includes('array') || schema.items) {
    if (roll < 0.15) return [];
    return Array.from({ length: 1 + random.int(2) }, () => valueFor(schema.items ?? {}, random, depth + 1, `${path}[]`));
  }
  if (t.includes('object') || schema.properties) {
    if (roll < 0.15 || depth > 3) return {};
    const out: { [key: string]: Tree } = {};
    const known = Object.entries(schema.properties ?? {});
    if (known.length > 0 && (schema.additionalProperties === false || random.next() < 0.8)) {
      for (const [key, sub] of known) if (random.next() < 0.5) out[key] = valueFor(sub, random, depth + 1, path ? `${path}.${key}` : key);
    } else {
      for (let i = 0; i < 1 + random.int(3); i++) out[random.pick(NASTY_KEYS)] = random.next() < 0.2 ? valueFor({ type: 'object' }, random, depth + 1) : scalarFor({}, random);
    }
    return out;
  }
  return scalarFor(schema, random);
}

/** Every settings path of the schema, with its schema: ['rasa', 'image', 'tag'], ['widgets', 0, 'url']... */
function paths(schema: Schema, prefix: Array<string | number> = []): Array<[Array<string | number>, Schema]> {
  const out: Array<[Array<string | number>, Schema]> = prefix.length > 0 ? [[prefix, schema]] : [];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) out.push(...paths(sub, [...prefix, key]));
  if (schema.items) out.push(...paths(schema.items, [...prefix, 0]));
  return out;
}

const schema = JSON.parse(readFileSync('chart/values.schema.json', 'utf8')) as Schema;
// The items of the lists of Kubernetes objects are drawn whole, through their list.
const inKubernetesObject = (dotted: string) => Object.keys(KUBERNETES_OBJECTS).some((p) => dotted.startsWith(`${p.slice(0, -2)}.0`));
const ALL_PATHS = paths(schema).filter(([path]) => {
  const dotted = path.join('.');
  return (!isKubernetesTyped(dotted) || dotted in KUBERNETES_TYPED) && !inKubernetesObject(dotted);
});

/** One values document: one to three settings set to drawn values, everything else left to the defaults. */
export function drawValues(random: Random): string {
  const root: { [key: string]: Tree } = {};
  for (let n = 0; n < 1 + random.int(3); n++) {
    const [path, sub] = random.pick(ALL_PATHS);
    let node: Tree = root;
    path.slice(0, -1).forEach((key, i) => {
      const container = node as { [key: string]: Tree } & Tree[];
      const nextIsIndex = typeof path[i + 1] === 'number';
      if (container[key as never] === undefined || container[key as never] === null || container[key as never] instanceof Raw) {
        (container as Record<string | number, Tree>)[key] = nextIsIndex ? [] : {};
      }
      node = (container as Record<string | number, Tree>)[key]!;
    });
    const last = path.at(-1)!;
    const value = valueFor(sub, random, 0, path.filter((k) => typeof k === 'string').join('.'));
    if (Array.isArray(node) && typeof last === 'string') continue;
    if (!Array.isArray(node) && typeof last === 'number') continue;
    (node as Record<string | number, Tree>)[last] = value;
  }
  for (const section of OFF_BY_DEFAULT) {
    const values = root[section];
    if (values !== undefined && isMapTree(values) && !('enabled' in values) && random.next() < 0.8) values.enabled = new Raw('true');
  }
  return `${emit(root, 0).join('\n')}\n`;
}

function emit(tree: Tree, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(tree)) {
    return tree.flatMap((item) => {
      if (isMapTree(item) && Object.keys(item).length > 0) {
        const [first, ...rest] = emit(item, indent + 2);
        return [`${pad}- ${first!.trimStart()}`, ...rest];
      }
      return [`${pad}- ${inline(item)}`];
    });
  }
  if (isMapTree(tree)) {
    return Object.entries(tree).flatMap(([key, value]) => {
      const nested = (isMapTree(value) && Object.keys(value).length > 0) || (Array.isArray(value) && value.length > 0);
      return nested ? [`${pad}${key}:`, ...emit(value, indent + 2)] : [`${pad}${key}: ${inline(value)}`.trimEnd()];
    });
  }
  return [`${pad}${inline(tree)}`];
}

function isMapTree(tree: Tree): tree is { [key: string]: Tree } {
  return tree !== null && typeof tree === 'object' && !Array.isArray(tree) && !(tree instanceof Raw);
}

function inline(tree: Tree): string {
  if (tree === null) return '';
  if (tree instanceof Raw) return tree.text;
  return Array.isArray(tree) ? '[]' : '{}';
}
