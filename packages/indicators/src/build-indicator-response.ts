// The indicator table as the API and the CLI give it: every report of the library (optionally filtered), one row each.
import type { IndicatorsResponse } from '@report-qa/schema';
import { indicatorSources, type IndicatorLibrary, type IndicatorTable } from './create-indicator-table.js';

export interface IndicatorFilter {
  regions?: readonly string[];
  years?: readonly number[];
}

/** Rows sorted by region then year; a report's original is read only when its content is not cached yet. `searcher`: a retrieval ReportSearcher fits. */
export function buildIndicatorResponse(searcher: IndicatorLibrary, table: IndicatorTable, filter: IndicatorFilter = {}): IndicatorsResponse {
  const documents = searcher
    .documents()
    .filter((document) => !filter.regions?.length || (document.metadata.region !== null && filter.regions.includes(document.metadata.region)))
    .filter((document) => !filter.years?.length || (document.metadata.year !== null && filter.years.includes(document.metadata.year)))
    .sort(
      (a, b) =>
        (a.metadata.region ?? '\uffff').localeCompare(b.metadata.region ?? '\uffff', 'zh-Hans-CN') ||
        (a.metadata.year ?? 0) - (b.metadata.year ?? 0) ||
        a.source.localeCompare(b.source),
    );
  const rows = table.rows(indicatorSources({ documents: () => documents, getDocument: (id) => searcher.getDocument(id) }));
  return {
    indicators: table.definitions.map(({ key, name, unit, definition }) => ({ key, name, unit, definition })),
    rows,
  };
}
