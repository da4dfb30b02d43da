// Generates an answer with the LLM over fenced, numbered passages, streaming it sentence by sentence once each is checked.
import type { DocumentWithText } from '@report-qa/retrieval';
import { analyzeQuestion } from './analyze-question.js';
import { buildCitation } from './build-citation.js';
import { buildAnswerMessages } from './build-llm-messages.js';
import type { ClaimProblem } from './check-claim.js';
import { checkClaim, claimSource } from './check-claim.js';
import type { CheckedAnswer, NumberedPassage } from './check-llm-answer.js';
import { checkLlmAnswer } from './check-llm-answer.js';
import { streamChat } from './chat-stream.js';
import { createClaimFilter } from './claim-filter.js';
import { displayText } from './display-text.js';
import { extractFigures } from './extract-figures.js';
import { notFoundPhrase } from './not-found-answer.js';
import type { Retrieval } from './retrieve-evidence.js';
import type { Citation, LlmOptions } from './types.js';

export type GenerationEvent =
  /** Before the first checked sentence: the passages the answer may cite. */
  | { type: 'start'; citations: Citation[] }
  /** A checked sentence (or more), safe to show. */
  | { type: 'delta'; text: string }
  | { type: 'done'; checked: CheckedAnswer }
  /** The LLM failed (`error`), or what passed the checks does not answer the question (`unchecked`). */
  | { type: 'failed'; cause: 'error' | 'unchecked'; reason: string };

const maxPassages = 10;

/** Why removed sentences could not be shown, in a few words for the user. */
export function describeProblems(problems: readonly ClaimProblem[]): string {
  // The invented figures themselves are not repeated to the user.
  const parts = [
    problems.some((problem) => problem.kind === 'unsupported_figures') ? '含有所引报告原文中没有的数字' : null,
    problems.some((problem) => problem.kind === 'invalid_marker') ? '引用了不存在的资料' : null,
    problems.some((problem) => problem.kind === 'echo') ? '复述了系统说明' : null,
  ];
  return parts.filter(Boolean).join('；');
}

/**
 * Whether the checked text still answers: after sentences were removed, it must keep a cited claim, and a
 * question asking for a number must keep a figure (beyond those the question gives).
 */
function stillAnswers(text: string, question: string, removedAny: boolean): boolean {
  if (!removedAny) return true;
  if (text.includes(notFoundPhrase)) return true;
  if (!/\[\d+\]/u.test(text)) return false;
  if (analyzeQuestion(question).kind !== 'number') return true;
  const given = new Set(extractFigures(question));
  return extractFigures(text).some((figure) => !given.has(figure));
}

export async function* generateWithLlm(
  llm: LlmOptions,
  question: string,
  retrieval: Retrieval,
  source: (docId: string) => DocumentWithText | null,
  signal?: AbortSignal,
): AsyncGenerator<GenerationEvent> {
  const numbered: NumberedPassage[] = [];
  for (const passage of retrieval.results.slice(0, maxPassages)) {
    const document = source(passage.docId);
    if (document) numbered.push({ n: numbered.length + 1, passage, document });
  }
  const prompt = numbered.map(({ n, passage, document }) => ({
    n,
    region: passage.region,
    year: passage.year,
    sectionPath: passage.sectionPath,
    text: displayText(document.original.slice(passage.start, passage.end)),
  }));
  const messages = buildAnswerMessages(question, prompt);
  const sources = prompt.map((passage) => claimSource(passage.n, passage.text, [passage.region, passage.year, passage.sectionPath]));
  const questionFigures = new Set(extractFigures(question));
  const filter = createClaimFilter((sentence) => checkClaim(sentence, { sources, questionFigures }));

  let shown = '';
  let started = false;
  let received = false;
  const emit = function* (text: string): Generator<GenerationEvent> {
    const out = started ? text : text.trimStart();
    if (!out) return;
    if (!started) {
      started = true;
      yield {
        type: 'start',
        citations: numbered.map(({ n, passage, document }) => buildCitation(n, passage, document, passage.start, passage.end)),
      };
    }
    shown += out;
    yield { type: 'delta', text: out };
  };
  try {
    for await (const piece of streamChat(llm, messages, signal)) {
      received = true;
      yield* emit(filter.push(piece));
    }
  } catch (error) {
    // Whatever sentence was still coming is dropped with the stream: a fragment is never shown.
    yield { type: 'failed', cause: 'error', reason: error instanceof Error ? error.message : String(error) };
    return;
  }
  if (!received) {
    yield { type: 'failed', cause: 'error', reason: '大模型返回了空回答' };
    return;
  }
  yield* emit(filter.flush());
  if (shown.trim() === '' && filter.removed.length === 0) {
    yield { type: 'failed', cause: 'error', reason: '大模型返回了空回答' };
    return;
  }
  if (!stillAnswers(shown, question, filter.removed.length > 0)) {
    const problems = describeProblems(filter.removed.map((entry) => entry.problem));
    yield { type: 'failed', cause: 'unchecked', reason: problems || '回答未能通过核对' };
    return;
  }
  yield { type: 'done', checked: checkLlmAnswer(shown, numbered, question) };
}
