// Retrieval scoring of the eval set: recall@1, recall@5 and MRR per searcher, overall and by question type.
import type { QaQuestion } from './qa-questions.js';

/** A passage as the scorer needs it: where it is and what it says. */
export interface EvaluatedPassage {
  source: string;
  start: number;
  end: number;
  text: string;
}

/** Returns passages best first; the scorer looks at the first `depth` of them. */
export type EvaluationSearcher = (question: string) => Promise<EvaluatedPassage[]>;

export interface EvaluationRow {
  searcher: string;
  /** 'all' or a question type. */
  type: string;
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export interface QuestionOutcome {
  searcher: string;
  id: string;
  type: string;
  /** 1-based rank at which every evidence quote was covered, or null when not within depth. */
  rank: number | null;
}

export interface EvaluationReport {
  rows: EvaluationRow[];
  outcomes: QuestionOutcome[];
}

export interface EvaluateRetrievalOptions {
  questions: QaQuestion[];
  /** Named searchers, compared side by side: e.g. { hybrid, vector, keyword, baseline }. */
  searchers: Record<string, EvaluationSearcher>;
  /** Decoded report text by file name, to locate each quote's span. */
  reports: Record<string, string>;
  /** Passages considered for MRR (default 10). */
  depth?: number;
}

const stripSpace = (text: string) => text.replace(/\s+/g, '');

/**
 * A question is a hit at k when, for every evidence quote, one of the top k passages contains the quote
 * (whitespace ignored) or overlaps its span in the source file. Unanswerable questions are left out, and so are
 * follow-ups: their text alone is not the question (the answer evaluation asks them with their history).
 */
export async function evaluateRetrieval(options: EvaluateRetrievalOptions): Promise<EvaluationReport> {
  const depth = options.depth ?? 10;
  const answerable = options.questions.filter((question) => question.type !== 'unanswerable' && question.type !== 'followup' && question.evidence.length > 0);
  const outcomes: QuestionOutcome[] = [];
  for (const [name, search] of Object.entries(options.searchers)) {
    for (const question of answerable) {
      const passages = (await search(question.question)).slice(0, depth);
      outcomes.push({ searcher: name, id: question.id, type: question.type, rank: coveringRank(question, passages, options.reports) });
    }
  }
  const rows: EvaluationRow[] = [];
  const types = ['all', ...new Set(answerable.map((question) => question.type))];
  for (const name of Object.keys(options.searchers)) {
    for (const type of types) {
      const group = outcomes.filter((outcome) => outcome.searcher === name && (type === 'all' || outcome.type === type));
      if (group.length === 0) continue;
      const hitAt = (k: number) => group.filter((outcome) => outcome.rank !== null && outcome.rank <= k).length / group.length;
      rows.push({
        searcher: name,
        type,
        questions: group.length,
        recallAt1: hitAt(1),
        recallAt5: hitAt(5),
        mrr: group.reduce((sum, outcome) => sum + (outcome.rank ? 1 / outcome.rank : 0), 0) / group.length,
      });
    }
  }
  return { rows, outcomes };
}

/** The smallest k whose top k passages cover every quote of the question. */
function coveringRank(question: QaQuestion, passages: EvaluatedPassage[], reports: Record<string, string>): number | null {
  let worst = 0;
  for (const evidence of question.evidence) {
    const original = reports[evidence.doc];
    const spans = original ? occurrences(original, evidence.quote) : [];
    const quote = stripSpace(evidence.quote);
    const index = passages.findIndex(
      (passage) =>
        passage.source === evidence.doc &&
        (stripSpace(passage.text).includes(quote) || spans.some(([start, end]) => passage.start < end && start < passage.end)),
    );
    if (index < 0) return null;
    worst = Math.max(worst, index + 1);
  }
  return worst;
}

function occurrences(text: string, quote: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) spans.push([at, at + quote.length]);
  return spans;
}

/** Adapts a ReportIndex-like searcher in one mode to the scorer; filters are inferred as in the app. */
export function indexSearcher(
  index: { search: (query: string, options: { topK: number; mode: 'hybrid' | 'vector' | 'keyword' }) => Promise<{ results: EvaluatedPassage[] }> },
  mode: 'hybrid' | 'vector' | 'keyword',
  depth = 10,
): EvaluationSearcher {
  return async (question) => (await index.search(question, { topK: depth, mode })).results;
}
