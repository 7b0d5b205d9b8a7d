// Values every e2e install shares. The images are the ones scripts/images/build.sh makes and the
// test bed imports into its containerd (there is no registry here): pullPolicy Never, so a missing
// import shows as ErrImageNeverPull at once instead of a pull that cannot succeed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const RASA_IMAGE = { registry: 'rsj.test', repository: 'rasa', tag: '3.6.21', pullPolicy: 'Never' };
/** The same image under a second tag, for an upgrade that changes the image. */
export const RASA_IMAGE_NEXT_TAG = '3.6.21-b';
export const NODE_IMAGE = { registry: 'rsj.test', repository: 'node', tag: '24.21.0', pullPolicy: 'Never' };
/** The action server: Rasa SDK with the test bot's actions (test/e2e/bot/actions). */
export const RASA_SDK_IMAGE = { registry: 'rsj.test', repository: 'rasa-sdk', tag: '3.6.2', pullPolicy: 'Never' };

/** What the test bot answers to "hello" (test/e2e/bot/domain.yml). */
export const BOT_GREETING = 'Hey! How are you?';

/**
 * What the test bot's custom action (test/e2e/bot/actions/whoami.py) answers to "who am i" or
 * /whoami, through the action server: the conversation's sender id comes last.
 */
export const ACTION_REPLY = 'The action server says: you are ';

/**
 * Local images, and a CPU request small enough for several Rasa pods on the test bed's two cores
 * (the chart's 500m would fit three).
 */
export const LOCAL_CLUSTER_VALUES = {
  rasa: { image: RASA_IMAGE, resources: { requests: { cpu: '100m', memory: '512Mi' } } },
  minter: { image: NODE_IMAGE },
};

/** Writes values to a temp file for `-f`. */
export function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rsj-e2e-values-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}
