// scripts/load-bench.mjs against the built server for a few seconds: it measures both routes and reports no failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './support/run-script.js';
import { startServer, type RunningServer } from './support/start-server.js';

let server: RunningServer;

beforeAll(async () => {
  // Keyword-only keeps the index build short; the script itself is what is under test.
  server = await startServer({ env: { EMBEDDING_PROVIDER: 'none' } });
});

afterAll(async () => {
  await server?.close();
});

const bench = (args: string[]) => runScript('scripts/load-bench.mjs', args);

describe('load-bench.mjs', () => {
  it('runs both routes against a given server and prints throughput, latency and failures as JSON', async () => {
    const result = await bench(['--url', server.url, '--pid', String(server.process.pid), '--duration', '2', '--connections', '4', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { route: string; connections: number; requests: number; throughput: number; p50: number; p99: number; errors: number; non2xx: number; rssBeforeMb: number | null }[];
    expect(rows.map((row) => row.route)).toEqual(['ask', 'chat']);
    for (const row of rows) {
      expect(row.connections).toBe(4);
      expect(row.requests).toBeGreaterThan(0);
      expect(row.throughput).toBeGreaterThan(0);
      expect(row.p99).toBeGreaterThanOrEqual(row.p50);
      expect(row.errors + row.non2xx).toBe(0);
      expect(row.rssBeforeMb).toBeGreaterThan(0);
    }
  });

  it('refuses a server that is not on this machine', async () => {
    const result = await bench(['--url', 'http://203.0.113.1:3000', '--duration', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url must point at this machine');
  });
});
