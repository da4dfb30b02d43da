// A fake ReportSearcher over the sample reports: sentence-packed passages with real offsets, bigram scoring.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportMetadata } from '@report-qa/parser';
import type {
  DocumentWithText,
  PassageRecord,
  QueryScope,
  ReportSearcher,
  SearchFilters,
  SearchOptions,
  SearchResponse,
} from '@report-qa/retrieval';
import { keyTerms } from '../analyze-question.js';
import { findRegions, findYears, knownRegionParts } from '../find-mentions.js';
import { normalizeText } from '../normalize-text.js';
import { splitReportSentences as splitSentences } from '@report-qa/parser';
import { createTermWeights } from '../term-weights.js';

export const reportsDir = fileURLToPath(new URL('../../../../data/reports/', import.meta.url));

// What the sample reports are about (from data/reports/README.md); the real parser infers this.
const fixtures: Record<string, { region: string; regionPath: string[]; year: number; level: ReportMetadata['level'] }> = {
  '000_2c522bdb5677e79f.txt': { region: '海东市', regionPath: ['青海省', '海东市'], year: 2020, level: 'city' },
  '001_f8b6fe307ef2b7ed.txt': { region: '西宁市湟中区', regionPath: ['青海省', '西宁市', '湟中区'], year: 2020, level: 'county' },
  '002_108f9e6d3c976853.txt': { region: '海西蒙古族藏族自治州', regionPath: ['青海省', '海西蒙古族藏族自治州'], year: 2021, level: 'city' },
  '003_489c9a6769333a9e.txt': { region: '西宁市', regionPath: ['青海省', '西宁市'], year: 2022, level: 'city' },
  '004_21f6359df466e4c8.txt': { region: '西宁市城东区', regionPath: ['青海省', '西宁市', '城东区'], year: 2017, level: 'county' },
};

// Regions of the province that have no sample report, so the double can report them as missing.
const otherRegions = ['海南州', '海南藏族自治州', '果洛州', '玉树州', '黄南州', '海北州'];

export function readReport(source: string): string {
  return readFileSync(`${reportsDir}${source}`, 'utf8').replace(/^\ufeff/u, '');
}

function passagesOf(document: DocumentWithText): PassageRecord[] {
  const passages: PassageRecord[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return;
    const text = document.original.slice(start, end);
    passages.push({
      chunkId: `${document.id}:${passages.length}`,
      docId: document.id,
      source: document.source,
      title: document.metadata.title,
      region: document.metadata.region,
      regionPath: document.metadata.regionPath,
      level: document.metadata.level,
      year: document.metadata.year,
      sectionPath: '',
      text: text.replace(/\s+/gu, ' '),
      start,
      end,
    });
    start = -1;
  };
  for (const sentence of splitSentences(document.original)) {
    if (start >= 0 && sentence.end - start > 400) flush();
    if (start < 0) start = sentence.start;
    end = sentence.end;
  }
  flush();
  return passages;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The sample reports as a ReportSearcher; `exclude` leaves some reports out (to test 'not in the corpus'). */
export function createFakeSearcher(options: { exclude?: string[] } = {}): ReportSearcher {
  const documents: DocumentWithText[] = readdirSync(reportsDir)
    .filter((file) => file.endsWith('.txt') && !options.exclude?.includes(file))
    .sort()
    .map((source) => {
      const original = readReport(source);
      const fixture = fixtures[source];
      if (!fixture) throw new Error(`no fixture for ${source}`);
      return {
        id: source.replace(/\.txt$/u, ''),
        source,
        contentHash: createHash('sha256').update(original).digest('hex'),
        metadata: { title: null, issuer: null, docNumber: null, publishedAt: null, signer: null, ...fixture },
        passages: 0,
        indexedAt: new Date(0).toISOString(),
        original,
      };
    });
  const passages = documents.flatMap((document) => passagesOf(document));
  const weight = createTermWeights(documents.map((document) => document.original));
  const known = knownRegionParts(documents);
  const years = [...new Set(documents.map((document) => document.metadata.year ?? 0))].sort();

  const inferScope = (query: string, explicit: SearchFilters, infer: boolean): QueryScope => {
    const regions = infer ? [...new Set(findRegions(query, known).map((mention) => mention.part))] : [];
    const named = infer ? [...new Set(findYears(query).map((mention) => mention.year))] : [];
    const missingRegions = infer ? otherRegions.filter((name) => query.includes(name.slice(0, 2)) && regions.length === 0) : [];
    const filters: SearchFilters = { ...explicit };
    if (filters.region === undefined && regions.length > 0) filters.region = regions.length === 1 ? regions[0] : regions;
    const presentYears = named.filter((year) => years.includes(year));
    if (filters.year === undefined && presentYears.length > 0) filters.year = presentYears.length === 1 ? presentYears[0] : presentYears;
    return {
      filters,
      inferred: { regions, years: presentYears },
      missing: { regions: missingRegions.slice(0, 1), years: named.filter((year) => !years.includes(year)) },
    };
  };

  return {
    mode: 'keyword',
    async search(query: string, searchOptions: SearchOptions = {}): Promise<SearchResponse> {
      const scope = inferScope(query, searchOptions.filters ?? {}, searchOptions.inferFilters ?? true);
      const regionFilter = asArray(scope.filters.region);
      const yearFilter = asArray(scope.filters.year);
      const docFilter = asArray(scope.filters.docId);
      const terms = keyTerms(query);
      const results = passages
        .filter((passage) => regionFilter.length === 0 || regionFilter.some((region) => passage.regionPath.includes(region) || passage.region === region))
        .filter((passage) => yearFilter.length === 0 || (passage.year !== null && yearFilter.includes(passage.year)))
        .filter((passage) => docFilter.length === 0 || docFilter.includes(passage.docId))
        .map((passage) => {
          const text = normalizeText(passage.text);
          const score = terms.reduce((sum, term) => sum + (text.includes(term) ? weight(term) : 0), 0);
          return { ...passage, score };
        })
        .filter((result) => result.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, searchOptions.topK ?? 8);
      return { results, scope, mode: 'keyword' };
    },
    getDocument: (id) => documents.find((document) => document.id === id) ?? null,
    documents: () => documents.map(({ original: _original, ...record }) => record),
    corpus: () => ({ regions: documents.map((document) => document.metadata.region ?? '').filter(Boolean), years }),
  };
}
