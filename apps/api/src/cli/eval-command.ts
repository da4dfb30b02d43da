// `report-qa eval --qa <file.jsonl> [--qa …]`: retrieval (hybrid, vector, keyword, hand-made baseline) and answer scores per set.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { evaluateAnswers, formatEvaluation as formatAnswerEvaluation, type EvaluatedAnswerer } from '@report-qa/answer';
import { askResponseSchema } from '@report-qa/schema';
import {
  createBaselineSearcher,
  createEmbeddings,
  evaluateRetrieval,
  formatEvaluation,
  indexSearcher,
  loadQaQuestions,
  loadReportTexts,
  type EvaluationSearcher,
} from '@report-qa/retrieval';
import { embeddingsOptions } from '../config/engine.js';
import { withEngine } from './with-engine.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Answers from a running server's POST /api/ask: what users get, worker threads and all. */
function serverAnswerer(baseUrl: string, apiKey: string | undefined): EvaluatedAnswerer {
  const url = new URL('/api/ask', baseUrl);
  return {
    async ask({ question, history, mode }) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ question, mode, ...(history ? { history } : {}) }),
      });
      if (!response.ok) throw new Error(`${url} 回答 ${response.status}：${(await response.text()).slice(0, 200)}`);
      return askResponseSchema.parse(await response.json());
    },
  };
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('评测：检索召回（混合、向量、关键词、手工基线）与答案正确率；可给多个问题集')
    .requiredOption('--qa <file>', '问题集（jsonl，含证据引文）；可重复，逐个评测', collect, [])
    .option('--no-baseline', '不计算手工基线（RecursiveCharacterTextSplitter 1000/200）')
    .option('--no-answers', '只评测检索')
    .option('--no-failures', '不列出答错的题')
    .option('--json', '输出 JSON')
    .option('--url <url>', '答案改由运行中的服务（POST /api/ask）给出，与用户得到的一致；检索仍在本进程评测')
    .option('--api-key <key>', '配合 --url：服务设置了 API_KEYS 时使用的密钥')
    .action(async (options: { qa: string[]; baseline: boolean; answers: boolean; failures: boolean; json?: boolean; url?: string; apiKey?: string }) => {
      await withEngine({ ensureIndex: true }, async (engine) => {
        const reports = loadReportTexts(engine.config.reportsDir);
        const modes = engine.index.mode === 'hybrid' ? (['hybrid', 'vector', 'keyword'] as const) : (['keyword'] as const);
        const searchers: Record<string, EvaluationSearcher> = Object.fromEntries(modes.map((mode) => [mode, indexSearcher(engine.index, mode)]));
        const baselineEmbeddings = options.baseline && engine.index.mode === 'hybrid' ? await createEmbeddings(embeddingsOptions(engine.config)) : null;
        const sets = [];
        try {
          for (const file of options.qa) {
            const questions = loadQaQuestions(file);
            const setSearchers = { ...searchers };
            if (baselineEmbeddings) setSearchers['baseline (1000/200)'] = await createBaselineSearcher({ reports, embeddings: baselineEmbeddings });
            const retrieval = await evaluateRetrieval({ questions, searchers: setSearchers, reports });
            const answers = options.answers
              ? await evaluateAnswers(options.url ? serverAnswerer(options.url, options.apiKey) : engine.answerer, questions, { readSource: (source) => reports[source] ?? null, input: { mode: 'extractive' } })
              : null;
            sets.push({ file, questions: questions.length, retrieval, answers });
          }
        } finally {
          await baselineEmbeddings?.close?.();
        }
        if (options.json) {
          const json = sets.map(({ file, questions, retrieval, answers }) => ({ file, questions, retrieval: retrieval.rows, answers }));
          process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
          return;
        }
        for (const { file, questions, retrieval, answers } of sets) {
          process.stdout.write(`== ${basename(file)}：问题 ${questions} 道（检索评测不含无答案题与追问）；索引 ${engine.index.stats().passages} 个段落\n\n`);
          process.stdout.write(`检索\n${formatEvaluation(retrieval.rows)}\n`);
          if (answers) process.stdout.write(`\n答案（抽取式）\n${formatAnswerEvaluation(answers, { details: options.failures })}\n`);
          process.stdout.write('\n');
        }
      });
    });
}
