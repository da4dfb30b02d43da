#!/usr/bin/env node
// Load benchmark: concurrent clients on POST /api/ask (extractive) and POST /v1/chat/completions, and a memory-over-time soak.
//
//   node scripts/load-bench.mjs                          # starts the built server on 127.0.0.1, 50 and 200 clients, 20 s each
//   node scripts/load-bench.mjs --duration 10 --connections 50,200 --routes ask,chat
//   node scripts/load-bench.mjs --soak 600               # 10 minutes at 50 clients, server RSS every 10 s
//   node scripts/load-bench.mjs --url http://127.0.0.1:3000 --pid 1234   # a running server (RSS read from /proc/<pid>)
//
// The server it starts runs with RATE_LIMIT_PER_MINUTE=0 and LOG_LEVEL=warn; traffic goes to loopback only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    'index-dir': { type: 'string' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50,200' },
    routes: { type: 'string', default: 'ask,chat' },
    soak: { type: 'string' },
    'soak-connections': { type: 'string', default: '50' },
    interval: { type: 'string', default: '10' },
    timeout: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (options.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).join('\n').replaceAll('// ', '') + '\n');
  process.exit(0);
}

// Questions about the sample reports, asked in turn so the server does not answer one cached question.
const QUESTIONS = [
  '海东市2020年收到多少件行政复议申请？',
  '海西2021年法律援助帮群众挽回了多少经济损失？',
  '湟中自然资源执法收了多少罚没款',
  '城东区执法证换证换的是哪年发的证',
  '西宁市2022年行政复议案件办理情况如何？',
  '海东市2020年行政机关负责人出庭应诉率是多少？',
  '湟中区2020年开展了哪些普法活动？',
  '海西州2021年法治政府建设存在哪些问题？',
  '西宁市城东区2017年受理了多少件行政复议案件？',
  '海东市建立了多少个人民调解组织？',
  '西宁市2022年下一步工作打算是什么？',
  '海西州2021年行政执法人员培训情况',
];

const ROUTES = {
  ask: (question) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, mode: 'extractive' }) }),
  chat: (question) => ({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'report-qa', messages: [{ role: 'user', content: question }] }),
  }),
};

class BenchError extends Error {}

/** Stops the benchmark; thrown, so that a server it started is shut down on the way out. */
function fail(message) {
  throw new BenchError(message);
}

const durationSeconds = Number(options.duration);
const timeoutSeconds = Number(options.timeout);
const connectionCounts = options.connections.split(',').map(Number);
const routes = options.routes.split(',');

/** Starts the built server on a free loopback port; resolves once it listens. */
async function startServer() {
  const main = join(repositoryRoot, 'apps/api/dist/main.js');
  if (!existsSync(main)) fail('apps/api/dist/main.js is missing: run npm run build first');
  const ownIndex = !options['index-dir'];
  const indexDir = options['index-dir'] ? resolve(options['index-dir']) : mkdtempSync(join(tmpdir(), 'report-qa-bench-'));
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: repositoryRoot,
    env: { ...process.env, INDEX_DIR: indexDir, HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolveUrl(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    pid: child.pid,
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

/** Resident memory of a process in MB (Linux /proc), or null. */
function rssMegabytes(pid) {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function requestsFor(routeNames) {
  return QUESTIONS.flatMap((question) => routeNames.map((route) => ROUTES[route](question)));
}

function run(url, { connections, duration, requests }, onResponse) {
  return new Promise((resolveRun, reject) => {
    const instance = autocannon({ url, connections, duration, timeout: timeoutSeconds, requests }, (error, result) => (error ? reject(error) : resolveRun(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(route, connections, result, rss) {
  return {
    route,
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    throughput: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
    rssBeforeMb: rss.before,
    rssAfterMb: rss.after,
  };
}

function printTable(rows) {
  const header = ['route', 'clients', 'req/s', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'timeouts', 'non-2xx', 'RSS MB'];
  const lines = rows.map((row) => [
    row.route === 'ask' ? 'POST /api/ask' : 'POST /v1/chat/completions',
    row.connections,
    row.throughput,
    row.requests,
    row.p50,
    row.p90,
    row.p99,
    row.max,
    row.errors,
    row.timeouts,
    row.non2xx,
    row.rssBeforeMb === null ? 'n/a' : `${row.rssBeforeMb}→${row.rssAfterMb}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => String(line[column]).length)));
  const format = (cells) => cells.map((cell, column) => String(cell).padStart(widths[column])).join('  ');
  process.stdout.write(`${format(header)}\n${lines.map(format).join('\n')}\n`);
}

async function main() {
  for (const route of routes) if (!ROUTES[route]) fail(`unknown route ${route} (ask, chat)`);
  if (!connectionCounts.every((n) => Number.isInteger(n) && n > 0)) fail('--connections takes positive integers, e.g. 50,200');
  let server = null;
  let url = options.url;
  let pid = options.pid ? Number(options.pid) : null;
  if (url) {
    const host = new URL(url).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) fail('--url must point at this machine (127.0.0.1 or localhost)');
  } else {
    process.stderr.write('starting the built server (the first start builds the index: 20–60 s)…\n');
    server = await startServer();
    url = server.url;
    pid = server.pid;
  }
  process.once('SIGINT', () => void server?.close().finally(() => process.exit(130)));

  let failed = true;
  try {
    const health = await (await fetch(`${url}/api/health`)).json();
    process.stderr.write(`server ${url}: ${health.documents} reports, ${health.passages} passages, embeddings ${health.embeddings.provider}${health.embeddings.model ? ` (${health.embeddings.model})` : ''}\n`);
    // Warm up: load the model session and the caches once before measuring.
    for (const route of ['ask', 'chat']) {
      const { method, path, headers, body } = ROUTES[route](QUESTIONS[0]);
      const response = await fetch(`${url}${path}`, { method, headers, body });
      if (!response.ok) fail(`warm-up ${path} answered ${response.status}: ${await response.text()}`);
    }

    if (options.soak) {
      await soak(url, pid, Number(options.soak));
      failed = false;
      return;
    }
    const rows = [];
    for (const route of routes) {
      for (const connections of connectionCounts) {
        process.stderr.write(`${route}: ${connections} clients for ${durationSeconds} s…\n`);
        const before = rssMegabytes(pid);
        const result = await run(url, { connections, duration: durationSeconds, requests: requestsFor([route]) });
        rows.push(summarise(route, connections, result, { before, after: rssMegabytes(pid) }));
      }
    }
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else printTable(rows);
    const failedRuns = rows.filter((row) => row.errors + row.timeouts + row.non2xx > 0);
    if (failedRuns.length > 0) {
      process.stderr.write(`errors or non-2xx answers in ${failedRuns.length} run(s)\n`);
      process.exitCode = 1;
    }
    failed = false;
  } finally {
    if (server && (failed || process.exitCode)) process.stderr.write(`server output (last lines):\n${server.output().slice(-4000)}\n`);
    await server?.close();
  }
}

/** Constant load for `seconds`, sampling the server's RSS and the interval's throughput and latency. */
async function soak(url, pid, seconds) {
  const connections = Number(options['soak-connections']);
  const intervalMs = Number(options.interval) * 1000;
  process.stderr.write(`soak: ${connections} clients on ask and chat for ${seconds} s, sampling every ${intervalMs / 1000} s…\n`);
  const series = [];
  let times = [];
  let failures = 0;
  const started = Date.now();
  series.push({ second: 0, rssMb: rssMegabytes(pid), requests: 0, p50: null, p99: null, failures: 0 });
  const timer = setInterval(() => {
    const sorted = times.sort((a, b) => a - b);
    series.push({
      second: Math.round((Date.now() - started) / 1000),
      rssMb: rssMegabytes(pid),
      requests: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      failures,
    });
    process.stderr.write(`  ${JSON.stringify(series.at(-1))}\n`);
    times = [];
    failures = 0;
  }, intervalMs);
  const result = await run(url, { connections, duration: seconds, requests: requestsFor(['ask', 'chat']) }, (_client, statusCode, _bytes, responseTime) => {
    times.push(Math.round(responseTime));
    if (statusCode < 200 || statusCode >= 300) failures += 1;
  });
  clearInterval(timer);
  series.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMegabytes(pid), requests: times.length, p50: null, p99: null, failures });
  const total = summarise('ask+chat', connections, result, { before: series[0].rssMb, after: series.at(-1).rssMb });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ total, series }, null, 2)}\n`);
  } else {
    process.stdout.write('second  RSS MB  requests  p50 ms  p99 ms  failures\n');
    for (const point of series) {
      process.stdout.write(
        `${String(point.second).padStart(6)}  ${String(point.rssMb ?? 'n/a').padStart(6)}  ${String(point.requests).padStart(8)}  ${String(point.p50 ?? '-').padStart(6)}  ${String(point.p99 ?? '-').padStart(6)}  ${String(point.failures).padStart(8)}\n`,
      );
    }
    process.stdout.write(
      `total: ${total.requests} requests, ${total.throughput} req/s, p50 ${total.p50} ms, p99 ${total.p99} ms, errors ${total.errors}, timeouts ${total.timeouts}, non-2xx ${total.non2xx}\n`,
    );
  }
  if (total.errors + total.timeouts + total.non2xx > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`load-bench: ${error instanceof BenchError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
