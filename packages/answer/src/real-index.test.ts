// Answers over the real hybrid index (local embedding model) and the development evaluation set.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQaQuestions, ReportIndex } from '@report-qa/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from './create-answerer.js';
import { evaluateAnswers } from './evaluate-answers.js';
import { figuresMissingFrom } from './extract-figures.js';
import { formatEvaluation } from './format-evaluation.js';
import { readReport, reportsDir } from './testing/index.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
// The shared folder sits beside the checkout (../shared), wherever CI clones it.
const evalFile = process.env.QA_EVAL_FILE ?? fileURLToPath(new URL('../../../../shared/eval/qa-dev.jsonl', import.meta.url));
if (!modelDir) console.warn('EMBEDDING_MODEL_DIR is not set: skipping the answer tests over the real index');

describe.skipIf(!modelDir)('answers over the real ReportIndex', () => {
  let index: ReportIndex;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'answer-index-'));
    index = await ReportIndex.open(dir, { embeddings: { provider: 'local', modelDir: modelDir ?? null } });
    await index.indexReports(reportsDir);
  });
  afterAll(async () => {
    await index?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers with exact quotes from the real passages', async () => {
    const answerer = createAnswerer({ searcher: index });
    const result = await answerer.ask({ question: '海西州2021年法律援助帮群众挽回了多少经济损失？' });
    expect(result.answer.replace(/\s/gu, '')).toContain('1920.605万元');
    for (const citation of result.citations) {
      expect(citation.quote).toBe(index.getDocument(citation.docId)?.original.slice(citation.start, citation.end));
    }
    expect(figuresMissingFrom(result.answer, result.citations.map((citation) => citation.quote))).toEqual([]);
    const offTopic = await answerer.ask({ question: '海东市2020年的GDP是多少' });
    expect(offTopic.notFound).toBe(true);
  });

  it.skipIf(!existsSync(evalFile))('scores the evaluation set with no citation violations', async () => {
    const questions = parseQaQuestions(readFileSync(evalFile, 'utf8'));
    const evaluation = await evaluateAnswers(createAnswerer({ searcher: index }), questions, {
      readSource: (source) => (existsSync(join(reportsDir, source)) ? readReport(source) : null),
    });
    console.log(formatEvaluation(evaluation, { details: process.env.QA_EVAL_DETAILS === '1' }));
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.overall.accuracy).toBeGreaterThan(0.6);
  }, 300_000);
});
