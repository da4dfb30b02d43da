// The evaluation set's line format (qa-dev.jsonl), validated with zod when loaded.
import { z } from 'zod';
import { AnswerError } from './answer-error.js';

export const evalQuestionSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['fact', 'number', 'list', 'paraphrase', 'compare', 'unanswerable']),
  question: z.string().min(1),
  answer: z.string(),
  must_include: z.array(z.string()),
  evidence: z.array(z.object({ doc: z.string(), quote: z.string() })),
  region: z.string().nullable(),
  year: z.number().int().nullable(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Parses JSON Lines text into questions; a bad line throws AnswerError naming its line number. */
export function parseEvalQuestions(jsonl: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  jsonl.split(/\r?\n/u).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new AnswerError(`评测集第 ${index + 1} 行不是有效的 JSON`, { code: 'invalid_eval_set', cause: error });
    }
    const parsed = evalQuestionSchema.safeParse(value);
    if (!parsed.success) {
      throw new AnswerError(`评测集第 ${index + 1} 行格式错误：${parsed.error.issues[0]?.message ?? ''}`, {
        code: 'invalid_eval_set',
        cause: parsed.error,
      });
    }
    questions.push(parsed.data);
  });
  return questions;
}
