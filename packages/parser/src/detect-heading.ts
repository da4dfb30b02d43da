// Recognises official heading numbering (一、 （一） 1. （1） ①) and markdown headings on a cleaned line.

export interface HeadingMatch {
  /** Numbering rank: 0 第一部分, 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①; markdown headings without numbering rank by their #s. */
  rank: number;
  /** The heading as written (cleaned), without a closing full stop. */
  heading: string;
  /** True when the whole line is the heading; false when it leads a paragraph (（一）加强组织领导。全年召开…). */
  wholeLine: boolean;
}

const NUMERAL = '[一二三四五六七八九十百零〇]+';
const NUMBERINGS: Array<{ rank: number; pattern: RegExp }> = [
  { rank: 0, pattern: new RegExp(`^第${NUMERAL}(?:部分|章|篇)`) },
  { rank: 1, pattern: new RegExp(`^${NUMERAL}[、．.]`) },
  { rank: 2, pattern: new RegExp(`^[（(]${NUMERAL}[）)]`) },
  { rank: 3, pattern: /^\d{1,2}(?:[、．]|\.(?!\d))/ },
  { rank: 4, pattern: /^[（(]\d{1,2}[）)]/ },
  { rank: 5, pattern: /^[①-⑳]/ },
];

const MAX_HEADING_LINE = 60;
const MAX_LEADING_CLAUSE = 50;
const MAX_COMMA_CLAUSE = 30;
const SENTENCE_END = /[。！？!?]/;

export function numberingOf(clean: string): { rank: number; length: number } | null {
  for (const { rank, pattern } of NUMBERINGS) {
    const match = pattern.exec(clean);
    if (match) return { rank, length: match[0].length };
  }
  return null;
}

export function startsWithHeadingNumber(clean: string): boolean {
  return numberingOf(clean) !== null;
}

/**
 * clean is the cleaned line; markdownHashes is the number of leading #s of the raw line (0 when none).
 * Inline enumerations (一是…二是…) are not headings.
 */
export function detectHeading(clean: string, markdownHashes: number): HeadingMatch | null {
  const numbering = numberingOf(clean);
  if (!numbering) {
    if (markdownHashes > 0 && clean.length > 0 && clean.length <= 100 && !endsSentence(clean)) {
      return { rank: markdownHashes <= 2 ? 1 : markdownHashes - 1, heading: clean, wholeLine: true };
    }
    return null;
  }
  if (clean.length <= numbering.length) return null;
  const rest = clean.slice(numbering.length);
  if ((clean.length <= MAX_HEADING_LINE || markdownHashes > 0) && !SENTENCE_END.test(rest.slice(0, -1)) && !endsSentence(clean)) {
    return { rank: numbering.rank, heading: stripEnd(clean), wholeLine: true };
  }
  const end = rest.search(SENTENCE_END);
  const clauseEnd = end < 0 ? -1 : numbering.length + end;
  if (clauseEnd > numbering.length && clauseEnd <= MAX_LEADING_CLAUSE) {
    return { rank: numbering.rank, heading: clean.slice(0, clauseEnd), wholeLine: false };
  }
  // A long first sentence under a section numbering still opens a section: name it by its first clause.
  if (numbering.rank <= 2) {
    const comma = rest.search(/[，,：:；;]/);
    if (comma > 0 && numbering.length + comma <= MAX_COMMA_CLAUSE) {
      return { rank: numbering.rank, heading: clean.slice(0, numbering.length + comma), wholeLine: false };
    }
  }
  return null;
}

function endsSentence(clean: string): boolean {
  const last = clean.replace(/[”’」』"*]+$/, '').slice(-1);
  return last === '。' || last === '；' || last === ';' || last === '！' || last === '？' || last === '!' || last === '?';
}

function stripEnd(clean: string): string {
  return clean.replace(/[：:]+$/, '');
}
