// End-to-end: the real server on the sample corpus, the dev question set through /api/ask, scored as the eval README says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAnswers, type AnswerResult, type Answerer, type AskInput } from '@report-qa/answer';
import { parseQaQuestions } from '@report-qa/retrieval';
import { openLibrary } from '@report-qa/library';
import { askResponseSchema } from '@report-qa/schema';
import { reportsDir, repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

const questionsFile = join(repositoryRoot, '../shared/eval/qa-dev.jsonl');
let server: RunningServer;

/** The answerer seen through HTTP: each question is a POST /api/ask. */
function httpAnswerer(url: string): Answerer {
  const ask = async (input: AskInput): Promise<AnswerResult> => {
    const response = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: input.question, history: input.history, mode: input.mode }),
    });
    expect(response.status).toBe(200);
    return askResponseSchema.parse(await response.json()) as AnswerResult;
  };
  return {
    ask,
    stream: async function* () {
      throw new Error('not used');
    },
  };
}

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

describe('the real server', () => {
  it.skipIf(!readFileSafe(questionsFile))('answers the dev question set with exact quotes and supported figures', async () => {
    const questions = parseQaQuestions(readFileSafe(questionsFile)!);
    const evaluation = await evaluateAnswers(httpAnswerer(server.url), questions, {
      readSource: (source) => readFileSafe(join(reportsDir, source)),
    });
    const summary = Object.entries(evaluation.byType).map(([type, score]) => `${type} ${score.correct}/${score.total}`).join(', ');
    // Citation rules hold for every question: quotes are exact substrings, every figure is in a cited quote.
    expect(evaluation.violations, summary).toEqual([]);
    expect(evaluation.refusals.missedRefusals, summary).toBe(0);
    expect(evaluation.overall.correct / evaluation.overall.total, summary).toBeGreaterThanOrEqual(0.85);
  });

  // serve answers in worker threads that each run the model in themselves (ANSWER_EMBEDDING=in-thread, the default):
  // their answers must be the ones the library gives in process, vectors and all.
  it.skipIf(!process.env.EMBEDDING_MODEL_DIR || !readFileSafe(questionsFile))('gives through its answer threads the answers the library gives in process', async () => {
    const questions = parseQaQuestions(readFileSafe(questionsFile)!).slice(0, 24);
    const local = await openLibrary({
      indexDir: server.indexDir,
      dataDir: join(repositoryRoot, 'data'),
      reportsDir,
      readOnly: true,
      embeddings: { provider: 'local', modelDir: process.env.EMBEDDING_MODEL_DIR!, threads: 1 },
      maxUploadBytes: 20 * 1024 * 1024,
      extraction: { maxCharacters: 500_000, timeoutMs: 60_000, maxMemoryMb: 512 },
    });
    try {
      expect(local.index.mode).toBe('hybrid');
      const served = httpAnswerer(server.url);
      for (const { question } of questions) {
        const [viaServer, inProcess] = await Promise.all([served.ask({ question, mode: 'extractive' }), local.answerer.ask({ question, mode: 'extractive' })]);
        expect(viaServer.answer, question).toBe(inProcess.answer);
        expect(viaServer.citations.map((citation) => [citation.quote, citation.start]), question).toEqual(inProcess.citations.map((citation) => [citation.quote, citation.start]));
      }
    } finally {
      await local.close();
    }
  });

  it('streams an answer as server-sent events over a real socket', async () => {
    const response = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: '湟中区2020年自然资源执法收缴了多少罚没款？' }),
    });
    const text = await response.text();
    const done = /event: done\ndata: (.+)\n/.exec(text);
    expect(done).not.toBeNull();
    const answer = askResponseSchema.parse(JSON.parse(done![1]!));
    expect(answer.answer).toContain('34.19万元');
    const original = readFileSync(join(reportsDir, answer.citations[0]!.source), 'utf8');
    expect(original.slice(answer.citations[0]!.start, answer.citations[0]!.end)).toBe(answer.citations[0]!.quote);
  });

  it('keeps answering when many questions arrive at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        fetch(`${server.url}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question: n % 2 ? '海西州2021年法律援助挽回了多少经济损失？' : '西宁市2022年行政复议收到多少件？' }),
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
  });
});

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
