import { spawn } from 'node:child_process';

/** What a finished program left: its exit status (null when a signal ended it) and both streams. */
export interface Ran { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** Runs a program to completion with both streams kept; never throws on a non-zero status. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
