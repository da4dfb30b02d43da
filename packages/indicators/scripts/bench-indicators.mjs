// Time of extraction per report on the sample reports (after `npm run build -w @report-qa/indicators`):
// node packages/indicators/scripts/bench-indicators.mjs [repeat]
import { readFileSync, readdirSync } from 'node:fs';
import { parseReport } from '@report-qa/parser';
import { extractIndicators } from '@report-qa/indicators';

const folder = new URL('../../../data/reports/', import.meta.url);
const repeat = Number(process.argv[2] ?? 200);
const files = readdirSync(folder).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(new URL(name, folder)));
const reports = files.map((bytes) => parseReport(bytes));
const time = (work) => {
  for (let round = 0; round < 20; round += 1) work();
  const started = performance.now();
  for (let round = 0; round < repeat; round += 1) work();
  return (performance.now() - started) / repeat / files.length;
};
const extract = time(() => reports.forEach((report) => extractIndicators(report)));
const parse = time(() => files.forEach((bytes) => parseReport(bytes)));
const characters = reports.reduce((sum, report) => sum + report.original.length, 0);
console.log(`${files.length} reports, ${characters} characters: extraction ${extract.toFixed(2)} ms per report, parsing ${parse.toFixed(2)} ms per report (both warm, mean of ${repeat} rounds)`);
