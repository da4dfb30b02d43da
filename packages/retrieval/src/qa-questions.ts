// The evaluation questions file (qa-*.jsonl): its zod schema and a loader that names the bad line.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RetrievalError } from './retrieval-error.js';

export const qaQuestionSchema = z.object({
  id: z.string(),
  type: z.enum(['fact', 'number', 'list', 'paraphrase', 'compare', 'followup', 'unanswerable']),
  question: z.string().min(1),
  answer: z.string().optional(),
  must_include: z.array(z.string()).default([]),
  evidence: z.array(z.object({ doc: z.string(), quote: z.string().min(1) })).default([]),
  region: z.string().nullable().default(null),
  year: z.number().int().nullable().default(null),
  /** `followup` questions: the earlier turns, oldest first, sent as the request's history. */
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).default([]),
  /** `unanswerable` questions: which kind, and why the answer is absent. */
  why: z.string().optional(),
});

export type QaQuestion = z.infer<typeof qaQuestionSchema>;

/** Parses JSON Lines text; blank lines are skipped. */
export function parseQaQuestions(text: string): QaQuestion[] {
  const questions: QaQuestion[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new RetrievalError(`第 ${index + 1} 行不是有效的 JSON`, { cause: error, code: 'invalid_questions' });
    }
    const parsed = qaQuestionSchema.safeParse(json);
    if (!parsed.success) {
      throw new RetrievalError(`第 ${index + 1} 行格式不正确：${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, {
        cause: parsed.error,
        code: 'invalid_questions',
      });
    }
    questions.push(parsed.data);
  });
  return questions;
}

export function loadQaQuestions(file: string): QaQuestion[] {
  return parseQaQuestions(readFileSync(file, 'utf8'));
}
