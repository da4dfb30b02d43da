// Starts the real built server (node apps/api/dist/main.js serve) on a free port for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const reportsDir = join(repositoryRoot, 'data/reports');

export interface RunningServer {
  url: string;
  indexDir: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions and failure messages. */
  output: () => string;
  close: () => Promise<void>;
}

export interface StartServerOptions {
  env?: Record<string, string>;
  /** Reuse an index folder (kept on close); by default a fresh temporary one is built and removed. */
  indexDir?: string;
  timeoutMs?: number;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownIndex = !options.indexDir;
  const indexDir = options.indexDir ?? mkdtempSync(join(tmpdir(), 'report-qa-index-'));
  const child = spawn(process.execPath, [join(repositoryRoot, 'apps/api/dist/main.js'), 'serve', '--port', '0'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      INDEX_DIR: indexDir,
      REPORTS_DIR: reportsDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), options.timeoutMs ?? 240_000);
    const onData = () => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    indexDir,
    process: child,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownIndex) rmSync(indexDir, { recursive: true, force: true });
    },
  };
}
