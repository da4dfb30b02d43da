// Generates an answer with the LLM over numbered passages, streaming checked text, or reporting why it failed.
import type { DocumentWithText } from '@report-qa/retrieval';
import { buildCitation } from './build-citation.js';
import { buildAnswerMessages } from './build-llm-messages.js';
import type { CheckedAnswer, NumberedPassage } from './check-llm-answer.js';
import { checkLlmAnswer } from './check-llm-answer.js';
import { streamChat } from './chat-stream.js';
import { displayText } from './display-text.js';
import { createMarkerFilter } from './marker-filter.js';
import type { Retrieval } from './retrieve-evidence.js';
import type { Citation, LlmOptions } from './types.js';

export type GenerationEvent =
  | { type: 'start'; citations: Citation[] }
  | { type: 'delta'; text: string }
  | { type: 'done'; checked: CheckedAnswer }
  | { type: 'failed'; reason: string };

const maxPassages = 10;

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
  const messages = buildAnswerMessages(
    question,
    numbered.map(({ n, passage, document }) => ({
      n,
      region: passage.region,
      year: passage.year,
      sectionPath: passage.sectionPath,
      text: displayText(document.original.slice(passage.start, passage.end)),
    })),
  );
  const filter = createMarkerFilter(new Set(numbered.map((entry) => entry.n)));
  let raw = '';
  let started = false;
  try {
    for await (const piece of streamChat(llm, messages, signal)) {
      raw += piece;
      if (!started) {
        started = true;
        yield {
          type: 'start',
          citations: numbered.map(({ n, passage, document }) => buildCitation(n, passage, document, passage.start, passage.end)),
        };
      }
      const text = filter.push(piece);
      if (text) yield { type: 'delta', text };
    }
  } catch (error) {
    yield { type: 'failed', reason: error instanceof Error ? error.message : String(error) };
    return;
  }
  if (!started) {
    yield { type: 'failed', reason: '大模型返回了空回答' };
    return;
  }
  const rest = filter.flush();
  if (rest) yield { type: 'delta', text: rest };
  yield { type: 'done', checked: checkLlmAnswer(raw, numbered) };
}
