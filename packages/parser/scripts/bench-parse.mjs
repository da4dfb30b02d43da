// Benchmarks parseReport from dist over the sample reports: passages per report, passage lengths, throughput.
// Run: npm run build -w @report-qa/parser && node packages/parser/scripts/bench-parse.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseReport } from '../dist/index.js';

const reportsDir = new URL('../../../data/reports/', import.meta.url);
const repeat = Number(process.argv[2] ?? 100);
const files = readdirSync(reportsDir).filter((name) => name.endsWith('.txt')).sort();
const inputs = files.map((name) => ({ name, bytes: readFileSync(new URL(name, reportsDir)) }));

const lengths = [];
for (const { name, bytes } of inputs) {
  const report = parseReport(bytes, { source: name });
  const own = report.chunks.map((chunk) => chunk.text.length);
  lengths.push(...own);
  const mean = own.reduce((total, length) => total + length, 0) / own.length;
  console.log(`${name}  passages ${String(report.chunks.length).padStart(3)}  mean ${mean.toFixed(0).padStart(3)}  max ${Math.max(...own)}  sections ${report.sections.length}`);
}
const mean = lengths.reduce((total, length) => total + length, 0) / lengths.length;
console.log(`all  passages ${lengths.length}  mean length ${mean.toFixed(1)}  max length ${Math.max(...lengths)}`);

// Warm up, then time the whole pipeline from bytes.
for (const { bytes } of inputs) parseReport(bytes);
const totalBytes = inputs.reduce((total, { bytes }) => total + bytes.length, 0) * repeat;
let passages = 0;
const cpuStarted = process.cpuUsage();
const started = performance.now();
for (let round = 0; round < repeat; round += 1) {
  for (const { bytes } of inputs) passages += parseReport(bytes).chunks.length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`parsed ${inputs.length} reports x ${repeat} = ${(totalBytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s: ${(totalBytes / 1e6 / seconds).toFixed(2)} MB/s, ${(passages / seconds).toFixed(0)} passages/s`);
// On a shared machine wall time includes waiting for a core; CPU time shows the parser's own cost.
console.log(`cpu time ${cpuSeconds.toFixed(2)} s: ${(totalBytes / 1e6 / cpuSeconds).toFixed(2)} MB/s of CPU`);
