#!/usr/bin/env node
// Load benchmark: concurrent clients asking distinct questions, the raw model floor in the same run, and a memory soak.
//
//   node scripts/load-bench.mjs                          # starts the built server on 127.0.0.1, 1 and 50 clients on /api/ask, 15 s each
//   node scripts/load-bench.mjs --duration 10 --connections 1,50,200 --routes ask,chat
//   node scripts/load-bench.mjs --floor-seconds 0        # skip the model floor and ceiling (keyword-only servers, tests)
//   node scripts/load-bench.mjs --soak 600               # 10 minutes at 50 clients, server RSS every 10 s
//   node scripts/load-bench.mjs --url http://127.0.0.1:3000 --pid 1234   # a running server (RSS read from /proc/<pid> and its children)
//
// Every question of the dev sets (--qa, default ../shared/eval/qa-dev.jsonl and qa-dev2.jsonl) is asked in turn across all
// clients, follow-ups with their history, so no two requests in a row ask the same. The floor is what the model alone
// allows: query embeddings per second of the same model, one worker per core, one ONNX thread each, measured before and
// after the load runs while the server is idle. The headline ratio is answers/s at 50 clients ÷ that floor. The ceiling
// puts it in context: scripts/model-only-server.mjs, an HTTP server that only embeds each question, at 50 clients
// (--ceiling-seconds, 0 to skip): no server built on this model answers faster on this machine.
// The server it starts runs with RATE_LIMIT_PER_MINUTE=0 and LOG_LEVEL=warn (other settings from the environment, e.g.
// HTTP_PROCESSES); traffic goes to loopback only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { builtLocalEmbeddings, localModelOptions } from './local-model.mjs';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultQa = ['qa-dev.jsonl', 'qa-dev2.jsonl'].map((name) => resolve(repositoryRoot, '../shared/eval', name)).join(',');

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    'index-dir': { type: 'string' },
    qa: { type: 'string', default: defaultQa },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '1,50' },
    routes: { type: 'string', default: 'ask' },
    'floor-seconds': { type: 'string', default: '10' },
    'ceiling-seconds': { type: 'string', default: '10' },
    soak: { type: 'string' },
    'soak-connections': { type: 'string', default: '50' },
    interval: { type: 'string', default: '10' },
    timeout: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (options.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 16).join('\n').replaceAll('// ', '').replaceAll('//', '') + '\n');
  process.exit(0);
}

class BenchError extends Error {}

/** Stops the benchmark; thrown, so that a server it started is shut down on the way out. */
function fail(message) {
  throw new BenchError(message);
}

/** The questions of the dev sets, with the history of follow-ups, in file order. */
function loadQuestions(files) {
  const questions = [];
  for (const file of files) {
    if (!existsSync(file)) fail(`question set not found: ${file} (give --qa <file.jsonl>[,<file.jsonl>…])`);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const item = JSON.parse(line);
      if (typeof item.question !== 'string' || !item.question.trim()) fail(`${file}: a line without a question`);
      const history = Array.isArray(item.history) ? item.history.filter((turn) => turn && typeof turn.content === 'string') : [];
      questions.push({ question: item.question, history });
    }
  }
  if (questions.length === 0) fail('no questions in --qa');
  return questions;
}

const BODIES = {
  ask: ({ question, history }) => JSON.stringify({ question, history, mode: 'extractive' }),
  chat: ({ question, history }) => JSON.stringify({ model: 'report-qa', messages: [...history, { role: 'user', content: question }] }),
};
const PATHS = { ask: '/api/ask', chat: '/v1/chat/completions' };
const LABELS = { ask: 'POST /api/ask', chat: 'POST /v1/chat/completions', 'ask+chat': 'ask + chat' };

const durationSeconds = Number(options.duration);
const timeoutSeconds = Number(options.timeout);
const floorSeconds = Number(options['floor-seconds']);
const ceilingSeconds = floorSeconds > 0 ? Number(options['ceiling-seconds']) : 0;
const connectionCounts = options.connections.split(',').map(Number);
const routes = options.routes.split(',');

/**
 * Starts `node <args>` and resolves once it prints "listening on http://127.0.0.1:<port>"; close() stops it. Both
 * servers the benchmark measures (the built one and the model-only ceiling) are started so.
 */
async function startListening(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolveUrl(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  return {
    url,
    pid: child.pid,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts the built server on a free loopback port; resolves once it listens. */
async function startServer() {
  const main = join(repositoryRoot, 'apps/api/dist/main.js');
  if (!existsSync(main)) fail('apps/api/dist/main.js is missing: run npm run build first');
  const ownIndex = !options['index-dir'];
  const indexDir = options['index-dir'] ? resolve(options['index-dir']) : mkdtempSync(join(tmpdir(), 'report-qa-bench-'));
  const server = await startListening('server', [main, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    ...process.env,
    INDEX_DIR: indexDir,
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      if (ownIndex) rmSync(indexDir, { recursive: true, force: true });
    },
  };
}

/**
 * The ceiling: requests/s at 50 clients of the model-only server, with the same questions and bodies as the load runs,
 * and its CPU per request.
 */
async function measureCeiling(questions, windowSeconds) {
  // scripts/model-only-server.mjs: HTTP and the question's embedding, nothing else.
  const ceiling = await startListening('model-only server', [join(repositoryRoot, 'scripts/model-only-server.mjs')], process.env);
  try {
    await run(ceiling.url, { connections: 50, duration: 1, routeNames: [routes[0]], questions });
    const cpuBefore = cpuMilliseconds(ceiling.pid);
    const outcome = await run(ceiling.url, { connections: 50, duration: windowSeconds, routeNames: [routes[0]], questions });
    const cpuAfter = cpuMilliseconds(ceiling.pid);
    return summarise(routes[0], 50, outcome, { before: null, after: null }, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
  } finally {
    await ceiling.close();
  }
}

/** The process and its descendants (HTTP worker processes), from /proc. */
function processTree(pid) {
  const pids = [pid];
  for (let index = 0; index < pids.length; index++) {
    try {
      for (const task of readdirSync(`/proc/${pids[index]}/task`)) {
        const children = readFileSync(`/proc/${pids[index]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone, or not Linux
    }
  }
  return pids;
}

/** Resident memory of a process and its children in MB (Linux /proc), or null. */
function rssMegabytes(pid) {
  if (!pid) return null;
  let kilobytes = 0;
  for (const member of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      if (match) kilobytes += Number(match[1]);
    } catch {
      // exited meanwhile
    }
  }
  return kilobytes > 0 ? Math.round(kilobytes / 1024) : null;
}

/** CPU time (user + system) of a process and its children in ms, from /proc; null when unreadable. */
function cpuMilliseconds(pid) {
  if (!pid) return null;
  let ticks = 0;
  let found = false;
  for (const member of processTree(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${member}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // exited meanwhile
    }
  }
  return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

function load() {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

/**
 * The model floor: query embeddings per second of the server's model, one worker per core with one ONNX thread each,
 * two queries in flight per worker so none waits on a message round trip. Same questions, same query instruction.
 */
async function measureFloor(questions, windowSeconds) {
  const LocalEmbeddings = await builtLocalEmbeddings();
  if (!LocalEmbeddings) fail('packages/retrieval/dist is missing: run npm run build first');
  const workers = availableParallelism();
  const models = await Promise.all(Array.from({ length: workers }, () => LocalEmbeddings.create({ ...localModelOptions(), threads: 1 })));
  try {
    let next = 0;
    const loop = async (model, until, counter) => {
      while (performance.now() < until) {
        await model.embedQuery(questions[next++ % questions.length].question);
        counter.count += 1;
      }
    };
    // A short warm-up, then the measured window.
    const warm = performance.now() + 1000;
    await Promise.all(models.flatMap((model) => [loop(model, warm, { count: 0 }), loop(model, warm, { count: 0 })]));
    const counter = { count: 0 };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const until = started + windowSeconds * 1000;
    await Promise.all(models.flatMap((model) => [loop(model, until, counter), loop(model, until, counter)]));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      workers,
      threadsPerWorker: 1,
      embeddingsPerSecond: counter.count / seconds,
      // CPU of this process (all threads) per embedding: what one query costs the model, whatever else runs.
      cpuMsPerEmbedding: (cpu.user + cpu.system) / 1000 / counter.count,
      load: load(),
    };
  } finally {
    await Promise.all(models.map((model) => model.close()));
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One autocannon run. Each request takes the next question of the shared list, whichever client sends it. Latencies are
 * kept per outcome: answered (2xx), shed (503, the server's fast refusal when the queue is too long) and failed.
 */
function run(url, { connections, duration, routeNames, questions }, onResponse) {
  let next = 0;
  const requests = routeNames.map((route) => ({
    method: 'POST',
    path: PATHS[route],
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: BODIES[route](questions[next++ % questions.length]) }),
  }));
  const times = { answered: [], shed: [], failed: [] };
  return new Promise((resolveRun, reject) => {
    const instance = autocannon({ url, connections, duration, timeout: timeoutSeconds, requests }, (error, result) =>
      error ? reject(error) : resolveRun({ result, times }),
    );
    instance.on('response', (client, statusCode, bytes, responseTime) => {
      const kind = statusCode >= 200 && statusCode < 300 ? 'answered' : statusCode === 503 ? 'shed' : 'failed';
      times[kind].push(responseTime);
      onResponse?.(statusCode, responseTime);
    });
  });
}

function summarise(route, connections, { result, times }, rss, cpuMs = null) {
  const answered = times.answered.sort((a, b) => a - b);
  const seconds = result.duration;
  const round = (value) => (value === null ? null : Math.round(value));
  return {
    route,
    connections,
    seconds,
    requests: result.requests.total,
    answered: answered.length,
    throughput: Math.round((answered.length / seconds) * 10) / 10,
    p50: round(percentile(answered, 50)),
    p90: round(percentile(answered, 90)),
    p99: round(percentile(answered, 99)),
    max: round(answered.at(-1) ?? null),
    shed: times.shed.length,
    shedP99: round(percentile(times.shed.sort((a, b) => a - b), 99)),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx - times.shed.length,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
    // Server CPU (all processes and threads) per answer: compare with the floor's CPU per embedding.
    cpuMsPerAnswer: cpuMs === null || answered.length === 0 ? null : Math.round((cpuMs / answered.length) * 100) / 100,
    rssBeforeMb: rss.before,
    rssAfterMb: rss.after,
    load: load(),
  };
}

function printTable(rows) {
  const header = ['route', 'clients', 'answers/s', 'answered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'shed 503', 'errors', 'timeouts', 'other non-2xx', 'CPU ms/answer', 'RSS MB', 'load avg'];
  const lines = rows.map((row) => [
    LABELS[row.route],
    row.connections,
    row.throughput,
    row.answered,
    row.p50 ?? '-',
    row.p90 ?? '-',
    row.p99 ?? '-',
    row.max ?? '-',
    row.shed,
    row.errors,
    row.timeouts,
    row.non2xx,
    row.cpuMsPerAnswer ?? 'n/a',
    row.rssBeforeMb === null ? 'n/a' : `${row.rssBeforeMb}→${row.rssAfterMb}`,
    row.load,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => String(line[column]).length)));
  const format = (cells) => cells.map((cell, column) => String(cell).padStart(widths[column])).join('  ');
  process.stdout.write(`${format(header)}\n${lines.map(format).join('\n')}\n`);
}

async function main() {
  for (const route of routes) if (!PATHS[route]) fail(`unknown route ${route} (ask, chat)`);
  if (!connectionCounts.every((n) => Number.isInteger(n) && n > 0)) fail('--connections takes positive integers, e.g. 1,50');
  const questions = loadQuestions(options.qa.split(',').filter(Boolean));
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
    process.stderr.write(
      `server ${url}: ${health.documents} reports, ${health.passages} passages, embeddings ${health.embeddings.provider}${health.embeddings.model ? ` (${health.embeddings.model})` : ''}; ${questions.length} distinct questions\n`,
    );
    // The server keeps no answer or query-embedding cache; should one appear, health says so and it is printed apart.
    const caches = health.caches ?? null;
    // Warm up: load the model session and the answer context once before measuring.
    for (const route of routes) {
      const response = await fetch(`${url}${PATHS[route]}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODIES[route](questions[0]) });
      if (!response.ok) fail(`warm-up ${PATHS[route]} answered ${response.status}: ${await response.text()}`);
    }

    if (options.soak) {
      await soak(url, pid, Number(options.soak), questions);
      failed = false;
      return;
    }
    const floors = [];
    if (floorSeconds > 0) {
      process.stderr.write(`model floor: ${availableParallelism()} workers × 1 ONNX thread for ${floorSeconds} s…\n`);
      floors.push(await measureFloor(questions, floorSeconds));
    }
    const rows = [];
    for (const route of routes) {
      for (const connections of connectionCounts) {
        process.stderr.write(`${route}: ${connections} clients for ${durationSeconds} s…\n`);
        const before = rssMegabytes(pid);
        const cpuBefore = cpuMilliseconds(pid);
        const outcome = await run(url, { connections, duration: durationSeconds, routeNames: [route], questions });
        const cpuAfter = cpuMilliseconds(pid);
        rows.push(summarise(route, connections, outcome, { before, after: rssMegabytes(pid) }, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore));
      }
    }
    let ceiling = null;
    if (ceilingSeconds > 0) {
      process.stderr.write(`ceiling: HTTP and the model alone (scripts/model-only-server.mjs), 50 clients for ${ceilingSeconds} s…\n`);
      ceiling = await measureCeiling(questions, ceilingSeconds);
    }
    if (floorSeconds > 0) {
      process.stderr.write('model floor again…\n');
      floors.push(await measureFloor(questions, floorSeconds));
    }
    const floor = floors.length > 0 ? floors.reduce((sum, item) => sum + item.embeddingsPerSecond, 0) / floors.length : null;
    const at50 = rows.find((row) => row.connections === 50 && row.route === routes[0]);
    const ratio = floor && at50 ? at50.throughput / floor : null;
    const summary = {
      questions: questions.length,
      caches,
      floor:
        floor === null
          ? null
          : {
              embeddingsPerSecond: Math.round(floor * 10) / 10,
              cpuMsPerEmbedding: Math.round((floors.reduce((sum, item) => sum + item.cpuMsPerEmbedding, 0) / floors.length) * 100) / 100,
              runs: floors.map((item) => ({ ...item, embeddingsPerSecond: Math.round(item.embeddingsPerSecond * 10) / 10, cpuMsPerEmbedding: Math.round(item.cpuMsPerEmbedding * 100) / 100 })),
            },
      ratioAt50: ratio === null ? null : Math.round(ratio * 100) / 100,
      ceiling:
        ceiling === null
          ? null
          : {
              requestsPerSecond: ceiling.throughput,
              cpuMsPerRequest: ceiling.cpuMsPerAnswer,
              p50: ceiling.p50,
              p99: ceiling.p99,
              failed: ceiling.errors + ceiling.timeouts + ceiling.non2xx,
              ratioToFloor: floor ? Math.round((ceiling.throughput / floor) * 100) / 100 : null,
            },
      rows,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(`${questions.length} distinct questions asked in turn; caches: ${caches ? JSON.stringify(caches) : 'none in the server (every answer and query embedding computed afresh)'}\n`);
      printTable(rows);
      if (summary.floor) {
        const runs = summary.floor.runs.map((item) => `${item.embeddingsPerSecond} (load ${item.load})`).join(', then ');
        process.stdout.write(
          `model floor: ${summary.floor.embeddingsPerSecond} query embeddings/s, ${summary.floor.cpuMsPerEmbedding} CPU ms each (${floors[0].workers} workers × 1 ONNX thread; ${runs})\n`,
        );
      }
      if (ratio !== null) process.stdout.write(`answers/s at 50 clients ÷ model floor: ${summary.ratioAt50}\n`);
      if (summary.ceiling) {
        const { ceiling: top } = summary;
        process.stdout.write(
          `ceiling, HTTP and the model alone (no retrieval, no answer): ${top.requestsPerSecond} requests/s at 50 clients, ${top.cpuMsPerRequest ?? 'n/a'} CPU ms each, p50 ${top.p50} ms; ÷ model floor: ${top.ratioToFloor}${top.failed > 0 ? ` (${top.failed} failed)` : ''}\n`,
        );
      }
      if (summary.floor && at50?.cpuMsPerAnswer) {
        const share = 1 - summary.floor.cpuMsPerEmbedding / at50.cpuMsPerAnswer;
        process.stdout.write(`CPU per answer at 50 clients beyond the model's: ${Math.round(share * 100)}% (${at50.cpuMsPerAnswer} ms per answer vs ${summary.floor.cpuMsPerEmbedding} ms per embedding)\n`);
      }
    }
    const failedRuns = rows.filter((row) => row.errors + row.timeouts + row.non2xx > 0);
    if (failedRuns.length > 0) {
      process.stderr.write(`errors or failed answers in ${failedRuns.length} run(s)\n`);
      process.exitCode = 1;
    }
    failed = false;
  } finally {
    if (server && (failed || process.exitCode)) process.stderr.write(`server output (last lines):\n${server.output().slice(-4000)}\n`);
    await server?.close();
  }
}

/** Constant load for `seconds`, sampling the server's RSS and the interval's throughput and latency. */
async function soak(url, pid, seconds, questions) {
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
  const outcome = await run(url, { connections, duration: seconds, routeNames: ['ask', 'chat'], questions }, (statusCode, responseTime) => {
    times.push(Math.round(responseTime));
    if (statusCode < 200 || statusCode >= 300) failures += 1;
  });
  clearInterval(timer);
  series.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMegabytes(pid), requests: times.length, p50: null, p99: null, failures });
  const total = summarise('ask+chat', connections, outcome, { before: series[0].rssMb, after: series.at(-1).rssMb });
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
      `total: ${total.answered} answered, ${total.throughput} answers/s, p50 ${total.p50} ms, p99 ${total.p99} ms, shed ${total.shed}, errors ${total.errors}, timeouts ${total.timeouts}, other non-2xx ${total.non2xx}\n`,
    );
  }
  if (total.errors + total.timeouts + total.non2xx > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`load-bench: ${error instanceof BenchError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
