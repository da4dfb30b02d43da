// The words around one figure of a sentence: its own segment, its clause, and what came before it in the sentence.
import type { Figure } from './find-figures.js';

export interface FigureContext {
  /** Index of the clause (cut at ，；：) that holds the figure. */
  clause: number;
  /** From the previous figure or clause start up to the figure: where the counted thing is usually named. */
  left: string;
  /** After the unit up to the next figure or clause end, when the figure quantifies what follows (24件行政规范性文件的…). */
  right: string;
  /** From the clause start up to the figure. */
  clauseLeft: string;
  /** From the sentence start up to the figure. */
  before: string;
}

const CLAUSE_MARKS = new Set(['，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?']);

/** Contexts of each figure of `sentence`, in the figures' order; all strings normalised with `normalizeContext`. */
export function readContexts(sentence: string, figures: readonly Figure[]): FigureContext[] {
  const clauseStarts = [0];
  for (let index = 0; index < sentence.length; index += 1) {
    const char = sentence[index] ?? '';
    if (!CLAUSE_MARKS.has(char)) continue;
    // 1,234: a comma between digits separates thousands, not clauses.
    if (char === ',' && /\d/u.test(sentence[index - 1] ?? '') && /\d/u.test(sentence[index + 1] ?? '')) continue;
    clauseStarts.push(index + 1);
  }
  // Figures come in order, so the clause index only moves forward.
  let clause = 0;
  const clauseOf = (offset: number): number => {
    while (clause + 1 < clauseStarts.length && (clauseStarts[clause + 1] ?? Infinity) <= offset) clause += 1;
    return clause;
  };
  let before = '';
  let beforeEnd = 0;
  return figures.map((figure, index) => {
    const clause = clauseOf(figure.start);
    const clauseStart = clauseStarts[clause] ?? 0;
    const clauseEnd = (clauseStarts[clause + 1] ?? sentence.length + 1) - 1;
    const previous = figures[index - 1];
    const next = figures[index + 1];
    const leftStart = previous && previous.end > clauseStart ? previous.end : clauseStart;
    const rightEnd = Math.min(clauseEnd, next ? next.start : sentence.length);
    const quantifiesWhatFollows = /^[\u4e00-\u9fff《“"「]/u.test(sentence.slice(figure.end, rightEnd));
    return {
      clause,
      left: normalizeContext(sentence.slice(leftStart, figure.start)),
      right: quantifiesWhatFollows ? normalizeContext(sentence.slice(figure.end, rightEnd)) : '',
      clauseLeft: normalizeContext(sentence.slice(clauseStart, figure.start)),
      before: (before += normalizeContext(sentence.slice(beforeEnd, (beforeEnd = figure.start)))),
    };
  });
}

/** Width-folded, without whitespace and markdown marks: OCR spaces (行 政规范性文件) and ** do not hide a term. */
export function normalizeContext(text: string): string {
  const stripped = text.replace(/[\s*#>_]/gu, '');
  // Full-width ASCII (（）％：，) folded to half-width, as NFKC would, without its cost on every clause.
  return /[\uff01-\uff5e]/u.test(stripped) ? stripped.replace(/[\uff01-\uff5e]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)) : stripped;
}

/** A term split at … into normalised parts (A…B matches A followed later by B). */
export type CompiledTerm = readonly string[];

export function compileTerms(terms: readonly string[]): CompiledTerm[] {
  return terms.map((term) => term.split('…').map(normalizeContext).filter(Boolean));
}

/** Index of the first term (in list order) found in the text, and where its match ends; -1 when none. */
export function findTerm(text: string, terms: readonly CompiledTerm[]): { index: number; end: number } {
  for (const [index, parts] of terms.entries()) {
    const end = termEnd(text, parts);
    if (end >= 0) return { index, end };
  }
  return { index: -1, end: -1 };
}

function termEnd(text: string, parts: CompiledTerm): number {
  if (parts.length === 1) {
    // For a plain term, the last occurrence decides what follows it (rates read the words after the term).
    const at = text.lastIndexOf(parts[0] ?? '');
    return at < 0 ? -1 : at + (parts[0] ?? '').length;
  }
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) return -1;
    from = at + part.length;
  }
  return from;
}
