// The answerer: rewrites follow-ups, retrieves, answers extractively or with an LLM, checks and streams the result.
import type { ReportSearcher } from '@report-qa/retrieval';
import { splitReportSentences } from '@report-qa/parser';
import { z } from 'zod';
import { AnswerError } from './answer-error.js';
import { analyzeQuestion } from './analyze-question.js';
import { createContextCache } from './answer-context.js';
import type { AnswerContext } from './answer-context.js';
import { composeExtractive, hasMissing } from './compose-extractive.js';
import { findRegions, findYears, knownRegionParts } from './find-mentions.js';
import { markCitationOrigins } from './citation-origin.js';
import type { IsUpload } from './citation-origin.js';
import { replaceNotice } from './fallback-notice.js';
import { generateWithLlm } from './generate-with-llm.js';
import { coveredText, notFoundAnswer } from './not-found-answer.js';
import { retrieveEvidence } from './retrieve-evidence.js';
import type { Retrieval } from './retrieve-evidence.js';
import { rewriteQuestion } from './rewrite-question.js';
import { createSentenceSimilarity } from './sentence-similarity.js';
import { indicatorCells, type IndicatorCells } from './answer-from-indicators.js';
import { askedReportFields } from './answer-from-metadata.js';
import type { IndicatorTable } from '@report-qa/indicators';
import type { AnswerEvent, AnswerResult, Answerer, AskInput, LlmOptions } from './types.js';

export interface AnswererOptions {
  /** The indicator table: comparisons that ask for a listed indicator are answered from it. */
  indicators?: IndicatorTable;
  searcher: ReportSearcher;
  /** An OpenAI-compatible endpoint; without it every answer is extractive. */
  llm?: LlmOptions;
  /** Passages retrieved per question (default 8). */
  topK?: number;
  /** Key-term coverage below which the evidence counts as weak and the answer is 'not found' (default 0.3). */
  minCoverage?: number;
  /** Whether a report was uploaded rather than one of the library's own (marked on citations; default: none is). */
  isUpload?: IsUpload;
}

const askInputSchema = z.object({
  question: z.string().trim().min(1, { error: '问题不能为空' }),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  topK: z.number().int().min(1).max(50).optional(),
  mode: z.enum(['auto', 'extractive', 'llm']).optional(),
});

const defaultTopK = 8;
const defaultMinCoverage = 0.3;

/** An extractive answer streams sentence by sentence (each with its markers), so clients render it as it comes. */
function answerPieces(answer: string): string[] {
  // Cut where the report splitter ends sentences, so pieces are whole sentences with their markers; together they
  // are the answer exactly (the spaces and line breaks between sentences go with the sentence before).
  const pieces: string[] = [];
  let from = 0;
  for (const sentence of splitReportSentences(answer)) {
    if (sentence.end <= from) continue;
    pieces.push(answer.slice(from, sentence.end));
    from = sentence.end;
  }
  if (from < answer.length) {
    if (pieces.length > 0) pieces[pieces.length - 1] += answer.slice(from);
    else pieces.push(answer.slice(from));
  }
  return pieces.filter((piece) => piece.length > 0);
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

export function createAnswerer(options: AnswererOptions): Answerer {
  const { searcher, llm } = options;
  const context = createContextCache(searcher);
  const minCoverage = options.minCoverage ?? defaultMinCoverage;

  const extractive = (question: string, retrieval: Retrieval, ctx: AnswerContext, table: IndicatorCells | null = null) => {
    const known = knownRegionParts(ctx.documents);
    const scopeWords = [
      ...findRegions(question, known).map((mention) => mention.text),
      ...findYears(question).map((mention) => mention.text),
      '年度',
    ];
    const analysis = analyzeQuestion(question, scopeWords);
    return composeExtractive(retrieval, analysis, ctx.weight, {
      minCoverage,
      similarity: createSentenceSimilarity(searcher, retrieval.queryVector),
      similarityOf: (vector) => createSentenceSimilarity(searcher, vector),
      analyze: (rowQuestion) => analyzeQuestion(rowQuestion, scopeWords),
      table,
      question,
      source: ctx.source,
      notFound: () => notFoundAnswer(retrieval.scope, ctx.corpus),
      covered: () => coveredText(ctx.corpus),
    });
  };

  async function* stream(input: AskInput): AsyncGenerator<AnswerEvent> {
    const parsed = askInputSchema.safeParse(input);
    if (!parsed.success) throw new AnswerError(parsed.error.issues[0]?.message ?? '问题无效', { code: 'invalid_input', cause: parsed.error });
    const started = performance.now();
    const timings: Record<string, number> = {};
    const ctx = context();
    const requested = input.mode ?? 'auto';
    const useLlm = requested !== 'extractive' && llm !== undefined;
    const fallback: { reason: string } | null =
      requested === 'llm' && llm === undefined ? { reason: '未配置大模型，已改用摘录式回答' } : null;

    let phase = performance.now();
    const now = input.now ?? new Date();
    const question = await rewriteQuestion(parsed.data.question, input.history ?? [], ctx.documents, useLlm ? llm : undefined, input.signal, now);
    timings.rewrite = elapsed(phase);

    phase = performance.now();
    const retrieval = await retrieveEvidence(searcher, question, ctx.documents, {
      topK: input.topK ?? options.topK ?? defaultTopK,
      now,
      ...(input.filters ? { filters: input.filters } : {}),
    });
    timings.retrieve = elapsed(phase);
    if (input.signal?.aborted) throw new AnswerError('请求已取消', { code: 'aborted', cause: input.signal.reason });

    // A comparison asking for a listed indicator is answered from the indicator table, so the two never disagree.
    const table = retrieval.rows && options.indicators ? await indicatorCells(question, retrieval.rows, searcher, ctx.documents, options.indicators) : null;

    phase = performance.now();
    const base = { question, scope: retrieval.scope, timings, unsupportedFigures: [] as string[] };
    const fallbackResult = (reason: string | null): AnswerResult => {
      const answer = extractive(question, retrieval, ctx, table);
      timings.generate = elapsed(phase);
      timings.total = elapsed(started);
      return { ...base, ...answer, mode: 'extractive', fallback: reason === null ? fallback : { reason } };
    };

    // No LLM, or a region/year the library lacks, or a place inside a covered region, or a table answer: no generation.
    // A question about the report itself is answered from what the report prints, LLM or not.
    const aboutReport = askedReportFields(question).length > 0;
    if (!useLlm || !llm || hasMissing(retrieval.scope) || retrieval.inside !== null || table !== null || aboutReport || retrieval.results.length === 0) {
      const result = fallbackResult(null);
      yield { type: 'citations', citations: result.citations };
      yield { type: 'meta', question, scope: retrieval.scope, mode: 'extractive' };
      for (const text of answerPieces(result.answer)) yield { type: 'delta', text };
      yield { type: 'done', result };
      return;
    }

    const generation = generateWithLlm(llm, question, retrieval, ctx.source, input.signal);
    let announced = false;
    for await (const event of generation) {
      if (event.type === 'failed') {
        const why = event.cause === 'error' ? (announced ? '大模型的回答中断' : '大模型不可用') : '大模型的回答未通过核对';
        const result = fallbackResult(`${why}（${event.reason}），已改用摘录式回答`);
        if (!announced) {
          yield { type: 'citations', citations: result.citations };
          yield { type: 'meta', question, scope: retrieval.scope, mode: 'extractive' };
        } else {
          // Part of the LLM answer was shown: it is withdrawn, and the extractive answer streams from its start.
          yield { type: 'replace', mode: 'extractive', citations: result.citations, notice: replaceNotice(result.fallback?.reason ?? why) };
        }
        for (const text of answerPieces(result.answer)) yield { type: 'delta', text };
        yield { type: 'done', result };
        return;
      }
      if (event.type === 'start') {
        announced = true;
        yield { type: 'citations', citations: event.citations };
        yield { type: 'meta', question, scope: retrieval.scope, mode: 'llm' };
      } else if (event.type === 'delta') {
        yield { type: 'delta', text: event.text };
      } else {
        timings.generate = elapsed(phase);
        timings.total = elapsed(started);
        yield {
          type: 'done',
          result: { ...base, ...event.checked, mode: 'llm', fallback: null },
        };
        return;
      }
    }
  }

  const isUpload = options.isUpload ?? (() => false);
  const marked = (input: AskInput) => markCitationOrigins(stream(input), () => context().documents, isUpload);
  return {
    stream: marked,
    async ask(input) {
      let result: AnswerResult | null = null;
      for await (const event of marked(input)) if (event.type === 'done') result = event.result;
      if (!result) throw new AnswerError('回答未完成', { code: 'incomplete' });
      return result;
    },
  };
}
