// Scores an answerer on an evaluation set as /work/shared/eval/README.md says: answers, refusals, citation checks.
import type { QaQuestion } from '@report-qa/retrieval';
import { figuresMissingFrom } from './extract-figures.js';
import { normalizeText } from './normalize-text.js';
import { notFoundPhrase } from './not-found-answer.js';
import type { AnswerResult, AskInput } from './types.js';

/** What scoring reads of an answer: the answerer's result, or the same fields of an HTTP answer. */
export type ScoredAnswer = Pick<AnswerResult, 'answer' | 'citations' | 'notFound'>;
/** An answerer in this process, or one behind a server's /api/ask (report-qa eval --url). */
export interface EvaluatedAnswerer {
  ask(input: AskInput): Promise<ScoredAnswer>;
}

export interface CitationViolation {
  id: string;
  kind: 'quote_not_in_source' | 'figure_not_in_quotes' | 'unknown_source';
  detail: string;
}

export interface QuestionOutcome {
  id: string;
  type: QaQuestion['type'];
  question: string;
  correct: boolean;
  /** The answer said the reports do not hold it. */
  refused: boolean;
  /** must_include strings the answer lacks. */
  missing: string[];
  answer: string;
  citations: number;
  violations: CitationViolation[];
  ms: number;
}

export interface TypeScore {
  total: number;
  correct: number;
  accuracy: number;
}

export interface Evaluation {
  overall: TypeScore;
  byType: Record<string, TypeScore>;
  refusals: {
    /** Answerable questions the system refused. */
    falseRefusals: number;
    /** Unanswerable questions it correctly refused. */
    correctRefusals: number;
    /** Unanswerable questions it answered anyway. */
    missedRefusals: number;
  };
  violations: CitationViolation[];
  outcomes: QuestionOutcome[];
}

export interface EvaluateOptions {
  /** The original text of a report file, by its file name (citation.source); null when unknown. */
  readSource: (source: string) => string | null | Promise<string | null>;
  /** Extra input for every question, e.g. {mode: 'extractive'}. */
  input?: Omit<AskInput, 'question'>;
  onProgress?: (done: number, total: number) => void;
}

/** The answer says the reports do not contain it and cites nothing. */
export function isRefusal(result: ScoredAnswer): boolean {
  return result.citations.length === 0 && (result.notFound || result.answer.includes(notFoundPhrase));
}

async function checkCitations(id: string, result: ScoredAnswer, options: EvaluateOptions): Promise<CitationViolation[]> {
  const violations: CitationViolation[] = [];
  for (const citation of result.citations) {
    const text = await options.readSource(citation.source);
    if (text === null) {
      violations.push({ id, kind: 'unknown_source', detail: `[${citation.n}] ${citation.source}` });
    } else if (!text.includes(citation.quote)) {
      violations.push({ id, kind: 'quote_not_in_source', detail: `[${citation.n}] ${citation.source}: ${citation.quote.slice(0, 40)}…` });
    }
  }
  // A refusal names the library's years; only answers that cite are held to their quotes.
  if (result.citations.length > 0) {
    const missing = figuresMissingFrom(result.answer, result.citations.map((citation) => citation.quote));
    for (const figure of missing) violations.push({ id, kind: 'figure_not_in_quotes', detail: figure });
  }
  return violations;
}

function score(outcomes: readonly QuestionOutcome[]): TypeScore {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  return { total: outcomes.length, correct, accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length };
}

export async function evaluateAnswers(answerer: EvaluatedAnswerer, questions: readonly QaQuestion[], options: EvaluateOptions): Promise<Evaluation> {
  const outcomes: QuestionOutcome[] = [];
  for (const item of questions) {
    const started = performance.now();
    const result = await answerer.ask({
      ...options.input,
      question: item.question,
      ...(item.history.length > 0 ? { history: item.history } : {}),
    });
    const ms = Math.round(performance.now() - started);
    const refused = isRefusal(result);
    const answerText = normalizeText(result.answer);
    const missing = item.must_include.filter((needle) => !answerText.includes(normalizeText(needle)));
    const correct = item.type === 'unanswerable' ? refused : !refused && missing.length === 0;
    outcomes.push({
      id: item.id,
      type: item.type,
      question: item.question,
      correct,
      refused,
      missing,
      answer: result.answer,
      citations: result.citations.length,
      violations: await checkCitations(item.id, result, options),
      ms,
    });
    options.onProgress?.(outcomes.length, questions.length);
  }
  const byType: Record<string, TypeScore> = {};
  for (const type of [...new Set(outcomes.map((outcome) => outcome.type))].sort()) {
    byType[type] = score(outcomes.filter((outcome) => outcome.type === type));
  }
  const unanswerable = outcomes.filter((outcome) => outcome.type === 'unanswerable');
  return {
    overall: score(outcomes),
    byType,
    refusals: {
      falseRefusals: outcomes.filter((outcome) => outcome.type !== 'unanswerable' && outcome.refused).length,
      correctRefusals: unanswerable.filter((outcome) => outcome.refused).length,
      missedRefusals: unanswerable.filter((outcome) => !outcome.refused).length,
    },
    violations: outcomes.flatMap((outcome) => outcome.violations),
    outcomes,
  };
}
