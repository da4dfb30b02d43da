// Runs a Node script of the repository in a child process and collects its exit code and output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './start-server.js';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <script> <args>` from the repository root, with extra environment, optionally as another user (root only). */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, user?: { uid: number; gid: number }): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repositoryRoot, script), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
