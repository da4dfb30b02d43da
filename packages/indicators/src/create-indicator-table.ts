// The indicator table over a library: one row per report, computed from its stored original and cached by content hash.
import { parseReport } from '@report-qa/parser';
import { defaultIndicatorDefinitions, type IndicatorDefinition } from './indicator-definitions.js';
import { extractIndicators, type IndicatorValues } from './extract-indicators.js';

/** A report as the library keeps it; `original` is read only when the content hash is not cached yet. */
export interface IndicatorSource {
  id: string;
  source: string;
  /** Hash of the original text: the cache key, so an edited report is read again. */
  contentHash: string;
  region: string | null;
  year: number | null;
  original: () => string;
}

/** What a report library offers (a retrieval `ReportSearcher` fits): its documents and their originals. */
export interface IndicatorLibrary {
  documents(): ReadonlyArray<{ id: string; source: string; contentHash: string; metadata: { region: string | null; year: number | null } }>;
  getDocument(id: string): { original: string } | null;
}

/** The library's reports as table sources; originals are read only for content the table has not cached. */
export function indicatorSources(library: IndicatorLibrary): IndicatorSource[] {
  return library.documents().map((document) => ({
    id: document.id,
    source: document.source,
    contentHash: document.contentHash,
    region: document.metadata.region,
    year: document.metadata.year,
    original: () => library.getDocument(document.id)?.original ?? '',
  }));
}

export interface IndicatorRow {
  documentId: string;
  source: string;
  region: string | null;
  year: number | null;
  values: IndicatorValues;
}

export interface IndicatorTable {
  readonly definitions: readonly IndicatorDefinition[];
  /** Rows in the order given; each report is parsed and read once per content hash. */
  rows(sources: readonly IndicatorSource[]): IndicatorRow[];
}

export interface IndicatorTableOptions {
  definitions?: readonly IndicatorDefinition[];
  /** Most reports kept in the cache (default 2000); the oldest are dropped first. */
  maxCached?: number;
}

export function createIndicatorTable(options: IndicatorTableOptions = {}): IndicatorTable {
  const definitions = options.definitions ?? defaultIndicatorDefinitions();
  const maxCached = options.maxCached ?? 2000;
  const cache = new Map<string, IndicatorValues>();
  const valuesOf = (source: IndicatorSource): IndicatorValues => {
    // The year is part of the key: the figure's year is checked against the year the library records.
    const key = `${source.contentHash}:${source.year ?? ''}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const parsed = parseReport(source.original());
    const values = extractIndicators({ ...parsed, metadata: { year: source.year } }, definitions);
    cache.set(key, values);
    if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
    return values;
  };
  return {
    definitions,
    rows: (sources) =>
      sources.map((source) => ({ documentId: source.id, source: source.source, region: source.region, year: source.year, values: valuesOf(source) })),
  };
}
