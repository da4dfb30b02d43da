// An answer from the query log as a line of an evaluation set (../shared/eval/README.md): a reviewer fixes must_include by hand.
import type { AnswerRecord } from '@report-qa/feedback';

type EvalType = 'fact' | 'number' | 'list' | 'paraphrase' | 'compare' | 'followup' | 'unanswerable';

export interface EvalCase {
  id: string;
  type: EvalType;
  question: string;
  answer: string;
  must_include: string[];
  evidence: { doc: string; quote: string }[];
  region: string | null;
  year: number | null;
  history: { role: 'user' | 'assistant'; content: string }[];
  /** What the user said of the answer, for the reviewer (ignored by `report-qa eval`). */
  feedback: { rating: 'up' | 'down' | null; comment: string | null; channel: string; createdAt: string };
}

interface LoggedScope {
  inferred?: { regions?: string[]; years?: number[] };
  filters?: { region?: string | string[]; year?: number | number[] };
}

const first = <T>(value: T | T[] | undefined): T | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/** The question type, guessed from what the log holds; a reviewer may correct it. */
export function guessType(record: AnswerRecord): EvalType {
  if (record.notFound) return 'unanswerable';
  if (record.history.length > 0) return 'followup';
  const scope = (record.scope ?? {}) as LoggedScope;
  const documents = new Set(record.citations.map((citation) => citation.docId));
  if (documents.size >= 2 && ((scope.inferred?.regions?.length ?? 0) >= 2 || /比较|对比|不同|区别|异同/.test(record.question))) return 'compare';
  if (/多少|几[件个项次名人家所条]|数量|比例|百分|增长|下降/.test(record.question)) return 'number';
  if (/哪些|措施|做法|举措|方面/.test(record.question)) return 'list';
  return 'fact';
}

export function toEvalCase(record: AnswerRecord): EvalCase {
  const scope = (record.scope ?? {}) as LoggedScope;
  const type = guessType(record);
  const seen = new Set<string>();
  const evidence =
    type === 'unanswerable'
      ? []
      : record.citations.flatMap((citation) => {
          const key = `${citation.source}\u0000${citation.quote}`;
          if (seen.has(key)) return [];
          seen.add(key);
          return [{ doc: citation.source, quote: citation.quote }];
        });
  return {
    id: record.id,
    type,
    question: record.question,
    answer: record.answer,
    must_include: [],
    evidence,
    region: first(scope.filters?.region) ?? scope.inferred?.regions?.[0] ?? record.citations[0]?.region ?? null,
    year: first(scope.filters?.year) ?? scope.inferred?.years?.[0] ?? record.citations[0]?.year ?? null,
    history: record.history,
    feedback: { rating: record.rating, comment: record.comment, channel: record.channel, createdAt: record.createdAt },
  };
}
