import { rmSync } from 'node:fs';
import { writeReport } from '../e2e/report.ts';
import { checkClean, clusterState, stopTestbed } from './testbed.ts';

export default async function globalTeardown(): Promise<void> {
  writeReport();
  const state = clusterState();
  if (state.mode !== 'testbed') return;
  stopTestbed(state.dir);
  // The node ran in namespaces of its own; nothing of it may outlive the run on this machine.
  // Checked before DIR goes: check-clean.sh names a test bed by its directory.
  checkClean(state.dir);
  rmSync(state.dir, { recursive: true, force: true });
}
