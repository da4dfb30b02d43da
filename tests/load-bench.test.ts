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
  it('asks the dev sets\' distinct questions on both routes and prints throughput, latency, shedding and CPU as JSON', async () => {
    const result = await bench(['--url', server.url, '--pid', String(server.process.pid), '--duration', '2', '--connections', '4', '--routes', 'ask,chat', '--floor-seconds', '0', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      questions: number;
      floor: unknown;
      ratioAt50: unknown;
      rows: { route: string; connections: number; answered: number; throughput: number; p50: number; p99: number; errors: number; non2xx: number; shed: number; cpuMsPerAnswer: number | null; rssBeforeMb: number | null }[];
    };
    // qa-dev (60) and qa-dev2 (100), every one of them in turn.
    expect(summary.questions).toBe(160);
    expect(summary.floor).toBeNull();
    expect(summary.ratioAt50).toBeNull();
    expect(summary.rows.map((row) => row.route)).toEqual(['ask', 'chat']);
    for (const row of summary.rows) {
      expect(row.connections).toBe(4);
      expect(row.answered).toBeGreaterThan(0);
      expect(row.throughput).toBeGreaterThan(0);
      expect(row.p99).toBeGreaterThanOrEqual(row.p50);
      expect(row.errors + row.non2xx + row.shed).toBe(0);
      expect(row.cpuMsPerAnswer).toBeGreaterThan(0);
      expect(row.rssBeforeMb).toBeGreaterThan(0);
    }
  });

  // The floor and the ceiling load the model: only where it is (CI has it in ../shared/models).
  it.skipIf(!process.env.EMBEDDING_MODEL_DIR)('measures the model floor and the ceiling of HTTP and the model alone, and divides both', async () => {
    const result = await bench(['--url', server.url, '--duration', '1', '--connections', '50', '--floor-seconds', '1', '--ceiling-seconds', '1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      floor: { embeddingsPerSecond: number; cpuMsPerEmbedding: number };
      ratioAt50: number;
      ceiling: { requestsPerSecond: number; cpuMsPerRequest: number | null; failed: number; ratioToFloor: number };
    };
    expect(summary.floor.embeddingsPerSecond).toBeGreaterThan(0);
    expect(summary.ratioAt50).toBeGreaterThan(0);
    // Every request of the ceiling embedded its question: none failed, and each cost the model's CPU at least in part.
    expect(summary.ceiling.failed).toBe(0);
    expect(summary.ceiling.requestsPerSecond).toBeGreaterThan(0);
    expect(summary.ceiling.cpuMsPerRequest).toBeGreaterThan(0);
    expect(summary.ceiling.ratioToFloor).toBeCloseTo(summary.ceiling.requestsPerSecond / summary.floor.embeddingsPerSecond, 1);
  });

  it('refuses a server that is not on this machine', async () => {
    const result = await bench(['--url', 'http://203.0.113.1:3000', '--duration', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url must point at this machine');
  });
});
