// Composes the extractive answer: chosen excerpts shown cleaned with [n] markers, citations quoting the originals.
import type { DocumentWithText, QueryScope } from '@report-qa/retrieval';
import type { QuestionAnalysis } from './analyze-question.js';
import { buildCitation } from './build-citation.js';
import type { Evidence } from './select-evidence.js';
import { selectEvidence } from './select-evidence.js';
import type { Retrieval } from './retrieve-evidence.js';
import type { TermWeight } from './term-weights.js';
import { normalizeText } from './normalize-text.js';
import type { Citation } from './types.js';

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
  notFound: boolean;
}

export interface ComposeOptions {
  /** Below this key-term coverage the best excerpt does not answer the question (default 0.3). */
  minCoverage: number;
  source: (docId: string) => DocumentWithText | null;
  notFound: () => string;
}

/** Whether the best excerpt is strong enough evidence: enough of the key terms, and a figure when one is asked for. */
export function isStrongEvidence(
  evidence: Evidence | undefined,
  analysis: QuestionAnalysis,
  minCoverage: number,
  weight: TermWeight,
): boolean {
  if (!evidence) return false;
  if (analysis.terms.length === 0) return false;
  if (analysis.kind === 'number' && analysis.units.length > 0 && evidence.units.size === 0) return false;
  // A figure in the counted unit asked for (辆, 件, 名…) is evidence of its own, so less wording must match —
  // provided the excerpt has the question's most distinctive word that the reports use at all (律师, not just 全州).
  const countUnit = [...evidence.units].some((unit) => !moneyOrShare.has(unit));
  const anchor = anchorTerm(analysis, weight);
  const relaxed = countUnit && (anchor === undefined || evidence.covered.has(anchor));
  return evidence.coverage >= (relaxed ? minCoverage * 0.5 : minCoverage);
}

/** The question's most distinctive term (highest weight) among those the corpus uses. */
function anchorTerm(analysis: QuestionAnalysis, weight: TermWeight): string | undefined {
  return analysis.terms.filter((term) => weight.seen(term)).sort((a, b) => weight(b) - weight(a))[0];
}

const moneyOrShare = new Set(['元', '万元', '亿元', '万', '亿', '%', '％']);

class CitationList {
  readonly citations: Citation[] = [];

  add(evidence: Evidence): number {
    const same = this.citations.find(
      (citation) => citation.docId === evidence.passage.docId && citation.start === evidence.span.start && citation.end === evidence.span.end,
    );
    if (same) return same.n;
    const n = this.citations.length + 1;
    this.citations.push(buildCitation(n, evidence.passage, evidence.document, evidence.span.start, evidence.span.end));
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
  const list = new CitationList();
  if (retrieval.rows) {
    const lines: string[] = [];
    let answered = 0;
    for (const row of retrieval.rows) {
      if (row.results.length === 0 && row.target.docIds.length === 0) {
        lines.push(`${row.target.label}：未收录该地区的报告`);
        continue;
      }
      // One line per report: a list question is answered by its best excerpts, not the whole enumeration.
      const rowAnalysis: QuestionAnalysis = analysis.kind === 'list' ? { ...analysis, kind: 'fact' } : analysis;
      const picks = selectEvidence(row.results, options.source, rowAnalysis, weight, { maxPicks: 2 });
      const silent = lacksAnchorTerm(row.target.docIds, analysis, weight, options) && (picks[0]?.coverage ?? 0) < 0.5;
      if (!isStrongEvidence(picks[0], rowAnalysis, options.minCoverage, weight) || silent) {
        lines.push(`${row.target.label}：未提及`);
        continue;
      }
      answered += 1;
      lines.push(`${row.target.label}：${picks.map((pick) => sentence(pick.display, list.add(pick))).join('；')}。`);
    }
    for (const region of retrieval.scope.missing.regions) lines.push(`${region}：未收录该地区的报告`);
    if (answered === 0) return notFound();
    return { answer: lines.join('\n'), citations: list.citations, notFound: false };
  }
  const picks = selectEvidence(retrieval.results, options.source, analysis, weight);
  if (!isStrongEvidence(picks[0], analysis, options.minCoverage, weight)) return notFound();
  const strong = picks.filter((pick, index) => index === 0 || pick.coverage >= options.minCoverage * 0.8);
  const answer = `${strong.map((pick) => sentence(pick.display, list.add(pick))).join('；')}。`;
  return { answer, citations: list.citations, notFound: false };
}

/**
 * A report is silent on the question when it never uses the question's most distinctive term that some report
 * does use (普法机器人 in one report, not in another), unless the question has no such term.
 */
function lacksAnchorTerm(docIds: readonly string[], analysis: QuestionAnalysis, weight: TermWeight, options: ComposeOptions): boolean {
  const anchor = anchorTerm(analysis, weight);
  if (!anchor) return false;
  return !docIds.some((docId) => normalizeText(options.source(docId)?.original ?? '').includes(anchor));
}

export function hasMissing(scope: QueryScope): boolean {
  return scope.missing.regions.length > 0 || scope.missing.years.length > 0;
}
