// Reads a folder of report files into decoded text by file name, as the scorer and the baseline need them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReport } from '@report-qa/parser';
import { defaultReportFilter } from './ingest-reports.js';

export function loadReportTexts(dir: string, filter: (name: string) => boolean = defaultReportFilter): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const name of readdirSync(dir).filter(filter).sort()) texts[name] = decodeReport(readFileSync(join(dir, name)));
  return texts;
}
