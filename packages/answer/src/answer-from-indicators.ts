// A comparison that asks for a listed indicator (「各地的负责人出庭应诉率分别是多少？」) is answered from the indicator
// table, so the table and the chat never disagree on a figure: these are the table's cells, each with its passage.
import { indicatorSources, matchIndicator, type IndicatorTable } from '@report-qa/indicators';
import type { DocumentRecord, ReportSearcher, SearchResult } from '@report-qa/retrieval';
import type { ComparisonRow } from './retrieve-evidence.js';

/** The passage a quote lies in (its section path and chunk id go with the citation). */
async function passageHolding(searcher: ReportSearcher, docId: string, start: number, end: number, quote: string): Promise<SearchResult | null> {
  // Keywords alone find the passage holding a quote of its own text: no embedding is spent on it.
  const response = await searcher.search(quote.slice(0, 80), { topK: 5, inferFilters: false, filters: { docId }, mode: 'keyword' });
  return response.results.find((result) => result.start <= start && end <= result.end) ?? response.results.find((result) => result.start < end && start < result.end) ?? null;
}

/** The table's cell for each report of a comparison (null where the report does not state the indicator). */
export interface IndicatorCells {
  name: string;
  cells: Map<string, { text: string; start: number; end: number; passage: SearchResult } | null>;
}

/** The longest start all the texts share (empty for fewer than two). */
function sharedStart(texts: readonly string[]): string {
  if (texts.length < 2) return '';
  let length = 0;
  while (texts.every((text) => length < text.length && text[length] === texts[0]![length])) length += 1;
  return texts[0]!.slice(0, length);
}

/**
 * The table cells a comparison asks for, or null when it asks for no listed indicator (an indicator with stage
 * words — 收到, 办结, 备案 — is asked for only when the question names one of them).
 */
export async function indicatorCells(
  question: string,
  rows: readonly ComparisonRow[],
  searcher: ReportSearcher,
  documents: readonly DocumentRecord[],
  table: IndicatorTable,
): Promise<IndicatorCells | null> {
  const definition = matchIndicator(question, table.definitions);
  if (!definition || !/多少|几|比例|比率|[^效]率|数字|数量/u.test(question)) return null;
  if (definition.actions.length > 0 && !definition.actions.some((action) => question.includes(action))) return null;
  // Rows that ask their own questions (「海东…提了多少条意见建议，西宁…做了多少件决策咨询服务？」) are answered from the
  // table only when each of them asks for this indicator in its own words, not just in the frame they share
  // (「政府法律顾问方面，…」).
  const own = rows.flatMap((row) => (row.target.question ? [row.target.question] : []));
  const frame = sharedStart(own);
  if (own.some((asked) => matchIndicator(asked.slice(frame.length), table.definitions)?.key !== definition.key)) return null;
  const wanted = new Set(rows.flatMap((row) => row.target.docIds));
  const library = { documents: () => documents.filter((document) => wanted.has(document.id)), getDocument: (id: string) => searcher.getDocument(id) };
  const cells: IndicatorCells['cells'] = new Map();
  for (const row of table.rows(indicatorSources(library))) {
    const value = row.values[definition.key] ?? null;
    const passage = value ? await passageHolding(searcher, row.documentId, value.start, value.end, value.quote) : null;
    cells.set(row.documentId, value && passage ? { text: value.text, start: value.start, end: value.end, passage } : null);
  }
  return { name: definition.name, cells };
}
