// Composes the extractive answer: chosen excerpts shown cleaned with [n] markers, citations quoting the originals.
import type { DocumentWithText, QueryScope, SearchResult } from '@report-qa/retrieval';
import type { IndicatorCells } from './answer-from-indicators.js';
import { answerFromMetadata } from './answer-from-metadata.js';
import type { QuestionAnalysis } from './analyze-question.js';
import { buildCitation } from './build-citation.js';
import type { Evidence } from './select-evidence.js';
import { selectEvidence } from './select-evidence.js';
import type { ComparisonRow, Retrieval } from './retrieve-evidence.js';
import { extractFigures } from './extract-figures.js';
import type { TermWeight } from './term-weights.js';
import { normalizeText } from './normalize-text.js';
import { regionNameForms } from '@report-qa/retrieval';
import type { Citation } from './types.js';
import { judgeEvidence, type Verdict } from './judge-evidence.js';
import { notFoundPhrase } from './not-found-answer.js';
import type { SentenceSimilarity } from './sentence-similarity.js';

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
  notFound: boolean;
}

export interface ComposeOptions {
  /** Below this key-term coverage the best excerpt does not answer the question by words alone (default 0.3). */
  minCoverage: number;
  /** Sentence similarity with the question, by meaning (absent in keyword-only mode). */
  similarity?: SentenceSimilarity;
  /** Sentence similarity with another embedded question (a comparison row's own question). */
  similarityOf?: (queryVector: readonly number[]) => SentenceSimilarity;
  /** Analyses a comparison row's own question, with the same scope words removed. */
  analyze: (question: string) => QuestionAnalysis;
  /** The indicator table's cells, when the comparison asks for a listed indicator. */
  table?: IndicatorCells | null;
  source: (docId: string) => DocumentWithText | null;
  /** The question as asked (standalone): a question about the report itself is answered from its metadata. */
  question?: string;
  notFound: () => string;
  /** 「已收录的报告涵盖：…」, for answers that name what the library lacks. */
  covered: () => string;
}

/** A report named as users say it: 海西蒙古族藏族自治州2021年报告. */
export function reportLabel(evidence: Pick<Evidence, 'passage' | 'document'>): string {
  const region = evidence.passage.region ?? evidence.document.metadata.region ?? '';
  const year = evidence.passage.year ?? evidence.document.metadata.year;
  return `${region}${year ? `${year}年` : ''}报告` || evidence.passage.source;
}

/** 「未在…找到：报告未提及X。相关情况：“…”（来源）」: the related excerpt is shown as context, never cited as the answer. */
function relatedAnswer(evidence: Evidence, missing: string): string {
  return `${notFoundPhrase}所问的内容：${reportLabel(evidence)}未提及${missing}。相关情况：“${evidence.display}”（${reportLabel(evidence)}${evidence.passage.sectionPath ? ` · ${evidence.passage.sectionPath}` : ''}）`;
}

class CitationList {
  readonly citations: Citation[] = [];

  add(evidence: Evidence): number {
    return this.addSpan(evidence.passage, evidence.document, evidence.span.start, evidence.span.end);
  }

  addSpan(passage: SearchResult, document: DocumentWithText, start: number, end: number): number {
    const same = this.citations.find((citation) => citation.docId === passage.docId && citation.start === start && citation.end === end);
    if (same) return same.n;
    const n = this.citations.length + 1;
    this.citations.push(buildCitation(n, passage, document, start, end));
    return n;
  }
}

function sentence(display: string, n: number): string {
  return `${display.replace(/[。；;]+$/u, '')}[${n}]`;
}

export function composeExtractive(
  retrieval: Retrieval,
  analysis: QuestionAnalysis,
  weight: TermWeight,
  options: ComposeOptions,
): ExtractiveAnswer {
  const notFound = (): ExtractiveAnswer => ({ answer: options.notFound(), citations: [], notFound: true });
  if (hasMissing(retrieval.scope) && !retrieval.rows) return notFound();
  const select = options.similarity ? { similarity: options.similarity } : {};
  const list = new CitationList();
  if (retrieval.inside && !retrieval.rows) {
    // A place inside a covered region with no report of its own: say so first, then only what the region's
    // report says about that place — never the region's own figure as the place's.
    const { place, region } = retrieval.inside;
    const forms = regionNameForms(place);
    const picks = selectEvidence(retrieval.inside.results, options.source, analysis, weight, select).filter((pick) =>
      forms.some((form) => normalizeText(pick.display).includes(form)),
    );
    const opening = `资料库中没有${place}的报告（${place}属${region}）`;
    if (judgeEvidence(picks[0], analysis, weight, options).kind !== 'answers') {
      return { answer: `${opening}；${region}的报告也未提及${place}的相关情况，因此${notFoundPhrase}答案，不能以${region}的数字代替。${options.covered()}`, citations: [], notFound: true };
    }
    const sentences = picks.slice(0, 2).map((pick) => sentence(pick.display, list.add(pick)));
    return { answer: `${opening}。${region}的报告中提到${place}：${sentences.join('；')}。`, citations: list.citations, notFound: false };
  }
  if (retrieval.rows) {
    const lines: string[] = [];
    let answered = 0;
    for (const row of retrieval.rows) {
      if (row.results.length === 0 && row.target.docIds.length === 0) {
        const years = row.target.missingYears?.map((year) => `${year}年`).join('、');
        lines.push(`${row.target.label}：${years ? `未收录${years}的报告` : '未收录该地区的报告'}`);
        continue;
      }
      // Each row is judged on its own question (when the question asks each region its own thing) by the same rule
      // as a single answer. One line per report: a list is answered by its best excerpts, not the whole enumeration.
      const asked = row.target.question ? options.analyze(row.target.question) : analysis;
      const rowAnalysis: QuestionAnalysis = asked.kind === 'list' ? { ...asked, kind: 'fact' } : asked;
      const rowSelect = row.queryVector && options.similarityOf ? { similarity: options.similarityOf(row.queryVector) } : select;
      const rowAnswer = (results: readonly SearchResult[]): { text: string; answers: boolean } => {
        const picks = selectEvidence(results, options.source, rowAnalysis, weight, { maxPicks: 2, ...rowSelect });
        const verdict = judgeEvidence(picks[0], rowAnalysis, weight, options);
        if (verdict.kind !== 'answers') return { text: `未提及${verdict.kind === 'related' ? verdict.missing : ''}`, answers: false };
        answered += 1;
        return { text: `${picks.map((pick) => sentence(pick.display, list.add(pick))).join('；')}。`, answers: true };
      };
      if (!options.table) {
        lines.push(`${row.target.label}：${rowAnswer(row.results).text}`);
        continue;
      }
      // An indicator of the table: its cell, cited; where the table has none, what the report says, marked so.
      for (const docId of row.target.docIds) {
        const document = options.source(docId);
        const label = row.target.docIds.length > 1 && document?.metadata.year ? `${row.target.label}（${document.metadata.year}年）` : row.target.label;
        const cell = options.table.cells.get(docId) ?? null;
        if (cell && document) {
          answered += 1;
          lines.push(`${label}：${options.table.name}${cell.text}[${list.addSpan(cell.passage, document, cell.start, cell.end)}]`);
          continue;
        }
        const said = rowAnswer(row.results.filter((result) => result.docId === docId));
        lines.push(`${label}：${said.answers ? `指标表未收录；报告原文：${said.text}` : said.text}`);
      }
    }
    for (const region of retrieval.scope.missing.regions) lines.push(`${region}：未收录该地区的报告`);
    if (answered === 0) return notFound();
    return { answer: lines.join('\n'), citations: list.citations, notFound: false };
  }
  if (retrieval.versions) {
    const conflict = conflictingVersions(retrieval.versions, analysis, weight, options, select, list);
    if (conflict) return conflict;
  }
  // A question about the report itself (its date, document number, issuer, signer): from what the report prints.
  const about = options.question ? answerFromMetadata(options.question, retrieval.results, options.source) : null;
  if (about) {
    const place = about.document.metadata.region ?? about.document.metadata.issuer ?? '该';
    const lines = about.parts.map((part) => `${part.field}为${about.document.original.slice(part.start, part.end)}[${list.addSpan(part.passage, about.document, part.start, part.end)}]`);
    return { answer: `${place}的报告：${lines.join('；')}。`, citations: list.citations, notFound: false };
  }
  // A region the question names that has reports of its own is answered from them first; a report of a place
  // under it (城东区 under 西宁市) answers only under its own name, never as the region's.
  const own = ownReports(retrieval, options);
  const ownResults = own ? retrieval.results.filter((result) => own.has(result.docId)) : [];
  let picks = ownResults.length > 0 ? selectEvidence(ownResults, options.source, analysis, weight, select) : [];
  let verdict: Verdict = ownResults.length > 0 ? judgeEvidence(picks[0], analysis, weight, options) : { kind: 'none' };
  // The region's own reports decide when they answer, or when they are all there is; otherwise every result counts.
  if (own === null || (verdict.kind !== 'answers' && ownResults.length < retrieval.results.length)) {
    picks = selectEvidence(retrieval.results, options.source, analysis, weight, select);
    verdict = judgeEvidence(picks[0], analysis, weight, options);
  }
  // A plan for the year after a report is in that report's plans, not in what it did.
  if (retrieval.planYear && picks.some((pick) => pick.plan)) {
    picks = picks.filter((pick) => pick.plan);
    verdict = judgeEvidence(picks[0], analysis, weight, options);
  }
  if (verdict.kind === 'related' && picks[0]) return { answer: relatedAnswer(picks[0], verdict.missing), citations: [], notFound: true };
  if (verdict.kind !== 'answers') return notFound();
  if (own && picks[0] && !own.has(picks[0].passage.docId)) {
    const named = retrieval.scope.inferred.regions.join('、');
    const place = picks[0].passage.region ?? picks[0].document.metadata.region ?? '';
    const under = picks.filter((pick) => pick.document === picks[0]!.document).slice(0, 2);
    return {
      answer: `${named}本级的报告未提及；${place}的报告中：${under.map((pick) => sentence(pick.display, list.add(pick))).join('；')}。`,
      citations: list.citations,
      notFound: false,
    };
  }
  const strong = picks.filter((pick, index) => index === 0 || pick.coverage >= options.minCoverage * 0.8);
  // A plan for a year without its own report, from the report of the year before: say where it comes from (in
  // words: every figure of an answer is one its quotes hold; the citations give the report's year).
  const opening = retrieval.planYear ? `已收录的报告中没有${retrieval.scope.inferred.regions.join('、')}所问年份的报告；以下是其上一年报告中的工作打算：` : '';
  const answer = `${opening}${strong.map((pick) => sentence(pick.display, list.add(pick))).join('；')}。`;
  return { answer, citations: list.citations, notFound: false };
}

/** The reports of the regions the question names, when those regions have reports of their own; else null. */
function ownReports(retrieval: Retrieval, options: ComposeOptions): Set<string> | null {
  const named = new Set(retrieval.scope.inferred.regions);
  if (named.size === 0) return null;
  const ids = new Set<string>();
  for (const result of retrieval.results) {
    const region = options.source(result.docId)?.metadata.region;
    if (region && named.has(region)) ids.add(result.docId);
  }
  return ids.size > 0 ? ids : null;
}

/**
 * Reports of one place and year that answer with different figures: both are shown, each with its source, and
 * the disagreement is said. Null when fewer than two answer, or when they agree (the usual answer follows).
 */
function conflictingVersions(
  versions: readonly ComparisonRow[],
  analysis: QuestionAnalysis,
  weight: TermWeight,
  options: ComposeOptions,
  select: { similarity?: SentenceSimilarity },
  list: CitationList,
): ExtractiveAnswer | null {
  const answers = versions.flatMap((version) => {
    const [pick] = selectEvidence(version.results, options.source, analysis, weight, { maxPicks: 1, ...select });
    return pick && judgeEvidence(pick, analysis, weight, options).kind === 'answers' ? [{ version, pick }] : [];
  });
  if (answers.length < 2) return null;
  const figures = answers.map(({ pick }) => [...new Set(extractFigures(pick.display))].sort().join(','));
  if (new Set(figures).size < 2) return null;
  const lines = answers.map(({ version, pick }) => `${version.target.label}：${sentence(pick.display, list.add(pick))}。`);
  return {
    answer: `已收录的报告中，同一地区、同一年度的报告说法不一致，请以权威版本为准：\n${lines.join('\n')}`,
    citations: list.citations,
    notFound: false,
  };
}

export function hasMissing(scope: QueryScope): boolean {
  return scope.missing.regions.length > 0 || scope.missing.years.length > 0;
}
