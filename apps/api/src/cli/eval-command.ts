// `report-qa eval --qa <file.jsonl>`: retrieval (hybrid, vector, keyword, hand-made baseline) and answer scores.
import type { Command } from 'commander';
import { evaluateAnswers, formatEvaluation as formatAnswerEvaluation } from '@report-qa/answer';
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
import { embeddingsOptions } from '../engine.js';
import { withEngine } from './with-engine.js';

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('评测：检索召回（混合、向量、关键词、手工基线）与答案正确率')
    .requiredOption('--qa <file>', '问题集（jsonl，含证据引文）')
    .option('--no-baseline', '不计算手工基线（RecursiveCharacterTextSplitter 1000/200）')
    .option('--no-answers', '只评测检索')
    .option('--details', '列出每道题的结果')
    .option('--json', '输出 JSON')
    .action(async (options: { qa: string; baseline: boolean; answers: boolean; details?: boolean; json?: boolean }) => {
      await withEngine({ ensureIndex: true }, async (engine) => {
        const questions = loadQaQuestions(options.qa);
        const reports = loadReportTexts(engine.config.reportsDir);
        const modes = engine.index.mode === 'hybrid' ? (['hybrid', 'vector', 'keyword'] as const) : (['keyword'] as const);
        const searchers: Record<string, EvaluationSearcher> = Object.fromEntries(modes.map((mode) => [mode, indexSearcher(engine.index, mode)]));
        let baselineEmbeddings = null;
        if (options.baseline && engine.index.mode === 'hybrid') {
          baselineEmbeddings = await createEmbeddings(embeddingsOptions(engine.config));
          if (baselineEmbeddings) searchers['baseline (1000/200)'] = await createBaselineSearcher({ reports, embeddings: baselineEmbeddings });
        }
        const retrieval = await evaluateRetrieval({ questions, searchers, reports });
        await baselineEmbeddings?.close?.();
        const answers = options.answers
          ? await evaluateAnswers(engine.answerer, questions, { readSource: (source) => reports[source] ?? null, input: { mode: 'extractive' } })
          : null;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ questions: questions.length, retrieval: retrieval.rows, answers }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`问题 ${questions.length} 道（检索评测不含无答案题）；索引 ${engine.index.stats().passages} 个段落\n\n检索\n${formatEvaluation(retrieval.rows)}\n`);
        if (answers) process.stdout.write(`\n答案（抽取式）\n${formatAnswerEvaluation(answers, { details: options.details ?? false })}\n`);
      });
    });
}
