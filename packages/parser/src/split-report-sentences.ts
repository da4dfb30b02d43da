// Cuts a report's original text into sentences and clauses for answering, with offsets that index the original exactly.
// (Chunking uses split-sentences.ts, which works inside one paragraph; this one reads line structure: headings, page ends.)

export interface TextSpan {
  start: number;
  end: number;
  /** original.slice(start, end). */
  text: string;
}

const terminators = new Set(['。', '！', '？', '!', '?', '；', ';']);
const closers = new Set(['”', '’', '"', "'", '）', ')', '】', '」', '』', '》']);
const clauseMarks = new Set(['，', '：', '、', ',', ':']);

// A line shorter than this without a terminator is a heading, not a paragraph broken by a page end.
const headingLength = 40;

function trimSpan(original: string, start: number, end: number): TextSpan | null {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(original[s] ?? '')) s += 1;
  while (e > s && /\s/u.test(original[e - 1] ?? '')) e -= 1;
  // Markdown heading marks and bold marks at the edges are layout, not text.
  while (s < e && /[#*]/u.test(original[s] ?? '')) {
    s += 1;
    while (s < e && /\s/u.test(original[s] ?? '')) s += 1;
  }
  while (e > s && original[e - 1] === '*') e -= 1;
  if (e <= s) return null;
  const text = original.slice(s, e);
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return { start: s, end: e, text };
}

/**
 * Sentences of original.slice(start, end). Sentence ends are 。！？；, and a line break after a terminator or
 * after a short heading line; a line break inside a long unterminated line (a PDF page end) does not end it.
 */
export function splitReportSentences(original: string, start = 0, end = original.length): TextSpan[] {
  const spans: TextSpan[] = [];
  let sentenceStart = start;
  let lineStart = start;
  const push = (to: number) => {
    const span = trimSpan(original, sentenceStart, to);
    if (span) spans.push(span);
    sentenceStart = to;
  };
  for (let i = start; i < end; i += 1) {
    const char = original[i] ?? '';
    if (terminators.has(char)) {
      let to = i + 1;
      while (to < end && closers.has(original[to] ?? '')) to += 1;
      push(to);
      i = to - 1;
    } else if (char === '\n') {
      const line = original.slice(lineStart, i).trim();
      const lineIsHeading = line.length > 0 && line.length < headingLength;
      const pending = original.slice(sentenceStart, i).trim();
      if (pending.length === 0 || lineIsHeading || /^\s*#/u.test(line)) push(i);
      lineStart = i + 1;
      // A markdown heading on the next line always starts a new sentence.
      if (/^[ \t]*#/u.test(original.slice(i + 1, i + 4))) push(i);
    }
  }
  push(end);
  return spans;
}

/** Clauses of a sentence span, cut at ，、：; (a comma between digits is a thousands separator). */
export function splitClauses(original: string, sentence: TextSpan): TextSpan[] {
  const clauses: TextSpan[] = [];
  let clauseStart = sentence.start;
  for (let i = sentence.start; i < sentence.end; i += 1) {
    const char = original[i] ?? '';
    if (!clauseMarks.has(char)) continue;
    if (char === ',' && /\d/u.test(original[i - 1] ?? '') && /\d/u.test(original[i + 1] ?? '')) continue;
    // Enumeration commas (、) separate items, not clauses.
    if (char === '、') continue;
    const span = trimSpan(original, clauseStart, i + 1);
    if (span) clauses.push(span);
    clauseStart = i + 1;
  }
  const last = trimSpan(original, clauseStart, sentence.end);
  if (last) clauses.push(last);
  return clauses;
}
