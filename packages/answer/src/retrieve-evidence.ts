// Retrieves the passages a question needs: one search, or one per report row for a comparison.
import type { DocumentRecord, QueryScope, ReportSearcher, SearchFilters, SearchResult } from '@report-qa/retrieval';
import type { ComparisonTarget } from './plan-comparison.js';
import { planComparison } from './plan-comparison.js';

export interface ComparisonRow {
  target: ComparisonTarget;
  results: SearchResult[];
}

export interface Retrieval {
  scope: QueryScope;
  results: SearchResult[];
  /** Set for questions about several reports: their passages, report by report. */
  rows: ComparisonRow[] | null;
}

export interface RetrieveOptions {
  topK: number;
  filters?: SearchFilters;
  /** Passages per report in a comparison. */
  rowTopK?: number;
}

export async function retrieveEvidence(
  searcher: ReportSearcher,
  question: string,
  documents: readonly DocumentRecord[],
  options: RetrieveOptions,
): Promise<Retrieval> {
  const response = await searcher.search(question, { topK: options.topK, ...(options.filters ? { filters: options.filters } : {}) });
  const explicitScope = options.filters?.docId !== undefined || options.filters?.region !== undefined;
  const targets = explicitScope ? null : planComparison(question, documents);
  if (!targets) return { scope: response.scope, results: response.results, rows: null };
  const rows = await Promise.all(
    targets.map(async (target): Promise<ComparisonRow> => {
      if (target.docIds.length === 0) return { target, results: [] };
      const rowResponse = await searcher.search(question, {
        topK: options.rowTopK ?? 4,
        inferFilters: false,
        filters: { docId: target.docIds },
      });
      return { target, results: rowResponse.results };
    }),
  );
  return { scope: response.scope, results: rows.flatMap((row) => row.results), rows };
}
