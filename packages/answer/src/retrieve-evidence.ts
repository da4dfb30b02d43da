// Retrieves the passages a question needs: one search, or one per report row for a comparison.
import { regionNameForms, type DocumentRecord, type QueryScope, type ReportSearcher, type SearchFilters, type SearchResult } from '@report-qa/retrieval';
import type { ComparisonTarget } from './plan-comparison.js';
import { planComparison } from './plan-comparison.js';

export interface ComparisonRow {
  target: ComparisonTarget;
  results: SearchResult[];
  /** The embedded row question, when the row asks its own question. */
  queryVector: number[] | null;
}

export interface Retrieval {
  scope: QueryScope;
  results: SearchResult[];
  /** Set for questions about several reports: their passages, report by report. */
  rows: ComparisonRow[] | null;
  /** The embedded question, to judge sentences by meaning (null in keyword-only mode). */
  queryVector: number[] | null;
  /**
   * A place the question names inside a covered region, with no report of its own (德令哈市 in 海西州): the
   * passages of the region's reports that mention it. Null when the question names no such place.
   */
  inside: InsidePlace | null;
  /**
   * A plan asked for a year the place has no report of, answered from its report of the year before (reports end with
   * next year's plans): that report's year and the year asked. Null otherwise.
   */
  planYear: { asked: number; report: number } | null;
  /**
   * Two or more reports of the place and year the best passage is about (a revised edition, a re-upload, a
   * planted file), each with its own passages, so their answers can be compared. Null when there is one.
   */
  versions: ComparisonRow[] | null;
}

export interface InsidePlace {
  place: string;
  region: string;
  /** Passages of the enclosing region's reports that name the place. */
  results: SearchResult[];
}

export interface RetrieveOptions {
  topK: number;
  filters?: SearchFilters;
  /** Passages per report in a comparison. */
  rowTopK?: number;
  /** The date of the question, for 今年/去年/前年. */
  now?: Date;
}

export async function retrieveEvidence(
  searcher: ReportSearcher,
  question: string,
  documents: readonly DocumentRecord[],
  options: RetrieveOptions,
): Promise<Retrieval> {
  let response = await searcher.search(question, { topK: options.topK, ...(options.now ? { now: options.now } : {}), ...(options.filters ? { filters: options.filters } : {}) });
  const explicitScope = options.filters?.docId !== undefined || options.filters?.region !== undefined;
  const targets = explicitScope ? null : planComparison(question, documents);
  const planYear = targets ? null : previousYearPlans(question, response.scope, documents);
  if (planYear) {
    response = await searcher.search(question, { topK: options.topK, inferFilters: false, filters: { docId: planYear.docIds }, queryVector: response.queryVector ?? null });
    response = { ...response, scope: { ...response.scope, filters: { ...response.scope.filters, year: [planYear.report] }, inferred: planYear.inferred, missing: { regions: [], years: [] } } };
  }
  const queryVector = response.queryVector ?? null;
  const inside = await insidePlace(searcher, question, response.scope, documents, options);
  const plan = planYear ? { asked: planYear.asked, report: planYear.report } : null;
  if (!targets) {
    const versions = await reportVersions(searcher, question, response.results[0], documents, queryVector);
    return { scope: response.scope, results: response.results, rows: null, queryVector, inside, versions, planYear: plan };
  }
  const rows = await Promise.all(
    targets.map(async (target): Promise<ComparisonRow> => {
      if (target.docIds.length === 0) return { target, results: [], queryVector: null };
      const rowResponse = await searcher.search(target.question ?? question, {
        // The same question needs no second embedding; a row's own question (its own sentence) does.
        ...(target.question ? {} : { queryVector: response.queryVector ?? null }),
        topK: options.rowTopK ?? 4,
        inferFilters: false,
        filters: { docId: target.docIds },
      });
      return { target, results: rowResponse.results, queryVector: rowResponse.queryVector ?? null };
    }),
  );
  return { scope: response.scope, results: rows.flatMap((row) => row.results), rows, queryVector, inside, versions: null, planYear: null };
}

const planQuestion = /下一步|打算|计划|规划|准备|思路|重点|目标|要做|将要|将会/u;

/**
 * 「海东计划2021年完成哪些立法？」: a report ends with the next year's plans, so a plan asked for a year the named
 * places have no report of comes from their reports of the year before, when they have them.
 */
function previousYearPlans(question: string, scope: QueryScope, documents: readonly DocumentRecord[]) {
  const asked = scope.missing.years;
  if (asked.length !== 1 || scope.missing.regions.length > 0 || scope.inferred.regions.length === 0 || !planQuestion.test(question)) return null;
  const year = asked[0]! - 1;
  const docIds = documents
    .filter(
      (document) =>
        document.metadata.year === year &&
        scope.inferred.regions.some((region) => document.metadata.region === region || placeOf(document) === region || document.metadata.regionPath.includes(region)),
    )
    .map((document) => document.id);
  if (docIds.length === 0) return null;
  return { asked: asked[0]!, report: year, docIds, inferred: { regions: scope.inferred.regions, years: [year] } };
}

/** The place a report is about: its most specific region (or its source when it has none). */
function placeOf(document: DocumentRecord): string {
  return document.metadata.regionPath.at(-1) ?? document.metadata.region ?? document.source;
}

/** Every report of the best passage's place and year, each searched on its own, when there are two or more. */
async function reportVersions(
  searcher: ReportSearcher,
  question: string,
  best: SearchResult | undefined,
  documents: readonly DocumentRecord[],
  queryVector: number[] | null,
): Promise<ComparisonRow[] | null> {
  const document = best ? documents.find((candidate) => candidate.id === best.docId) : undefined;
  if (!document || document.metadata.year === null) return null;
  const same = documents
    .filter((candidate) => placeOf(candidate) === placeOf(document) && candidate.metadata.year === document.metadata.year)
    .sort((a, b) => a.indexedAt.localeCompare(b.indexedAt));
  if (same.length < 2) return null;
  return Promise.all(
    same.map(async (version, index): Promise<ComparisonRow> => {
      const response = await searcher.search(question, { topK: 4, inferFilters: false, filters: { docId: version.id }, queryVector });
      // Named by when each came in (the citations name the files): figures in a label would read as claims.
      const label = index === 0 ? '较早收录的报告' : same.length === 2 ? '较晚加入的报告' : `第${'二三四五六七八九'[index - 1] ?? index + 1}份加入的报告`;
      return { target: { label, docIds: [version.id] }, results: response.results, queryVector: response.queryVector ?? null };
    }),
  );
}

/** The enclosing region's passages that name a place inside it, found by searching for the place with the question. */
async function insidePlace(
  searcher: ReportSearcher,
  question: string,
  scope: QueryScope,
  documents: readonly DocumentRecord[],
  options: RetrieveOptions,
): Promise<InsidePlace | null> {
  const first = scope.inside?.[0];
  if (!first) return null;
  const docIds = documents.filter((document) => document.metadata.region === first.region || document.metadata.regionPath.includes(first.region)).map((document) => document.id);
  const forms = regionNameForms(first.place);
  const response = docIds.length === 0 ? null : await searcher.search(`${forms[forms.length - 1]} ${question}`, { topK: options.topK * 2, inferFilters: false, filters: { docId: docIds } });
  const results = (response?.results ?? []).filter((result) => forms.some((form) => result.text.replace(/\s+/gu, '').includes(form)));
  return { place: first.place, region: first.region, results };
}
