import { rmSync } from 'node:fs';
import { clusterState, stopTestbed } from './testbed.ts';

export default async function globalTeardown(): Promise<void> {
  const state = clusterState();
  if (state.mode !== 'testbed') return;
  stopTestbed(state.dir);
  rmSync(state.dir, { recursive: true, force: true });
}
