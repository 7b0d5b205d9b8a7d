// The same values file, read by helm and by synth: every YAML 1.1 corner of the issue that found
// them must give the same credentials.yml and the same minter input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { K8sObject } from '../support/render.js';
import { describeHelm, helmTemplate, synthObjects } from './helm.js';

const VALUES = `
channels:
  custom:
    time: 1:20
    date: 2001-12-14
    octal: 0o17
    leading_zero: 010
    underscores: 5_005
    hex: 0x1F
    yes_word: yes
    on_word: On
    n: kept as the key "false"
    y: first
    on: second, wins over y (both are the key "true")
    quoted: "yes"
    tagged_str: !!str 010
    tagged_int: !!int "5"
    tagged_float: !!float "1.5"
    tagged_bool: !!bool "yes"
    tagged_binary: !!binary c3VwZXI=
    custom_tag: !custom 5
widgets:
  - name: w
    claims:
      sender_id: "010"
      n: no
      level: 010
`;

function documents(objects: K8sObject[]): { credentials: unknown; minterInput: unknown } {
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'bot-rasa-config')!;
  const minter = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'bot-rasa-minter')!;
  return { credentials: parse(config.data['credentials.yml']), minterInput: JSON.parse(minter.data['minter.json']) };
}

describeHelm('values read alike by helm and synth (YAML 1.1 as sigs.k8s.io/yaml reads it)', () => {
  test('the channel credentials and the widget claims come out the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rsj-yaml11-')), 'values.yaml');
    writeFileSync(file, VALUES);
    const fromHelm = documents(helmTemplate('bot', 'default', [file]));
    const fromSynth = documents(await synthObjects('bot', 'default', [file]));
    expect(fromSynth).toEqual(fromHelm);
    // And what they agree on is Helm's reading, not YAML 1.2's.
    expect((fromHelm.credentials as { custom: unknown }).custom).toEqual({
      time: '1:20', date: '2001-12-14', octal: 15, leading_zero: 8, underscores: 5005, hex: 31, yes_word: true, on_word: true,
      false: 'kept as the key "false"', true: 'second, wins over y (both are the key "true")', quoted: 'yes',
      tagged_str: '010', tagged_int: 5, tagged_float: 1.5, tagged_bool: true, tagged_binary: 'super', custom_tag: '5',
    });
  });
});
