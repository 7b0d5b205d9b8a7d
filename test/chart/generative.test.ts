// The generative Helm ≡ synth test: values files drawn from the schema (test/chart/values-generator.ts),
// each rendered by `helm template` and by `synth`. They must give the same objects (less what only
// Helm adds) or both refuse. RSJ_FUZZ_CASES sets how many (npm test: 150; npm run test:fuzz: 2000),
// RSJ_FUZZ_SEED which (a number replays a run; the seed is printed first).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { K8sObject } from '../support/render.js';
import { byId, describeHelm, differences, helmTemplate, synthObjects } from './helm.js';
import { drawExtensionValues, drawValues, Random } from './values-generator.js';

const CASES = Number(process.env.RSJ_FUZZ_CASES ?? 150);
// npm test draws the same cases every run, so that CI stays a verdict on the change; test:fuzz
// (RSJ_FUZZ_SEED=random) explores new ones each time.
const SEED = process.env.RSJ_FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.RSJ_FUZZ_SEED ?? 20261129);

async function outcome(render: () => Promise<K8sObject[]> | K8sObject[]): Promise<Map<string, K8sObject> | 'refused'> {
  try {
    return byId(await render());
  } catch {
    return 'refused';
  }
}

/** Renders each drawn values file both ways; the disagreements, and how many both rendered. */
async function compare(cases: number, draw: () => string): Promise<{ rendered: number; disagreements: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rsj-generative-'));
  const disagreements: string[] = [];
  let rendered = 0;
  for (let i = 0; i < cases; i++) {
    const text = draw();
    const file = join(dir, `case-${i}.yaml`);
    writeFileSync(file, text);
    const fromHelm = await outcome(() => helmTemplate('bot', 'chat', [file]));
    const fromSynth = await outcome(() => synthObjects('bot', 'chat', [file]));
    if (fromHelm === 'refused' || fromSynth === 'refused') {
      if (fromHelm !== fromSynth) disagreements.push(`case ${i}: helm ${fromHelm === 'refused' ? 'refused' : 'rendered'}, synth ${fromSynth === 'refused' ? 'refused' : 'rendered'}\n${text}`);
      continue;
    }
    rendered += 1;
    const ids = [...new Set([...fromHelm.keys(), ...fromSynth.keys()])].sort();
    const diffs = ids.flatMap((id) => differences(fromHelm.get(id), fromSynth.get(id), id));
    if (diffs.length > 0) disagreements.push(`case ${i}: ${diffs.slice(0, 5).join('; ')}\n${text}`);
  }
  return { rendered, disagreements };
}

describeHelm(`helm template and synth agree on drawn values (seed ${SEED}, ${CASES} cases; replay with RSJ_FUZZ_SEED=${SEED})`, () => {
  test('each drawn values file renders the same objects in both, or is refused by both', async () => {
    process.stderr.write(`[generative] seed ${SEED}, ${CASES} cases (RSJ_FUZZ_SEED=${SEED} RSJ_FUZZ_CASES=${CASES} to replay)\n`);
    const random = new Random(SEED);
    const { rendered, disagreements } = await compare(CASES, () => drawValues(random));
    process.stderr.write(`[generative] ${CASES} cases: ${rendered} rendered by both, ${CASES - rendered - disagreements.length} refused by both, ${disagreements.length} disagreements\n`);
    expect(disagreements).toEqual([]);
    // A generator whose every case is refused would prove nothing (about a quarter render).
    expect(rendered).toBeGreaterThanOrEqual(Math.floor(CASES / 10));
  }, 600_000);

  // Few of the cases above set the pods' extension points, and fewer render: these set only them
  // (the Rasa pod's or the action server's), so that the Kubernetes objects both renderers pass
  // through as given are compared.
  test("each drawn set of the Rasa and action server pods' extension points renders the same objects in both, or is refused by both", async () => {
    const cases = Math.ceil(CASES / 5);
    const random = new Random(SEED);
    const { rendered, disagreements } = await compare(cases, () => drawExtensionValues(random));
    process.stderr.write(`[generative] ${cases} extension point cases: ${rendered} rendered by both, ${cases - rendered - disagreements.length} refused by both, ${disagreements.length} disagreements\n`);
    expect(disagreements).toEqual([]);
    expect(rendered).toBeGreaterThanOrEqual(Math.floor(cases / 3));
  }, 600_000);
});
