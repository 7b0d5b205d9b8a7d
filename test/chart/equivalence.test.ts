import { readdirSync } from 'node:fs';
import { byId, describeHelm, differences, helmTemplate, synthObjects } from './helm.js';

const valuesFiles = readdirSync('chart/ci').filter((f) => f.endsWith('-values.yaml')).sort();

describeHelm('helm template and synth render the same objects', () => {
  test('there are enough CI values files to cover the features', () => {
    expect(valuesFiles.length).toBeGreaterThanOrEqual(8);
  });

  test.each(valuesFiles)('chart/ci/%s', async (file) => {
    const values = [`chart/ci/${file}`];
    const fromHelm = byId(helmTemplate('bot', 'chat', values));
    const fromSynth = byId(await synthObjects('bot', 'chat', values));
    expect([...fromHelm.keys()].sort()).toEqual([...fromSynth.keys()].sort());
    const diffs = [...fromHelm.keys()].flatMap((id) => differences(fromHelm.get(id), fromSynth.get(id)).map((d) => `${id} ${d}`));
    expect(diffs).toEqual([]);
  });
});
