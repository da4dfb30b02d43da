// Checks one claim (a sentence) of an LLM answer before anyone sees it: its figures must be in a passage it cites.
import { CITATION_MARKER } from './citation-markers.js';
import { splitReportSentences } from '@report-qa/parser';
import { answerInstructions } from './build-llm-messages.js';
import { extractFigures } from './extract-figures.js';
import { isInstructionToReader } from './imperative-text.js';
import { normalizeText } from './normalize-text.js';
import { notFoundPhrase } from './not-found-answer.js';

/** What a passage can vouch for: its statements (instructions to the reader excepted) and its report's labels. */
export interface ClaimSource {
  n: number;
  /** Figures of the passage's statements and of its region/year/section labels. */
  figures: ReadonlySet<string>;
}

export interface ClaimContext {
  sources: readonly ClaimSource[];
  /** Figures the question itself gives (a year, a region's number): restating them needs no source. */
  questionFigures: ReadonlySet<string>;
}

export type ClaimProblem =
  | { kind: 'unsupported_figures'; figures: string[] }
  | { kind: 'invalid_marker' }
  | { kind: 'echo' };

export type ClaimVerdict = { kept: true; text: string } | { kept: false; text: string; problem: ClaimProblem };

// The number of a list item (「1. 」「2、」「（3）」「- 」) is layout, not a claimed figure.
const listNumber = /^\s*(?:[-*•]\s*)?(?:\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[)）])?\s*/u;
// The prompt's own wording, minus the refusal sentence a correct answer repeats on purpose.
const echoReference = normalizeText(answerInstructions.replace(/如果资料中没有问题的答案[^\n]*/u, ''));
const gram = 4;

/** The support a passage gives: figures of its statements, not of text addressed to the reader. */
export function claimSource(n: number, text: string, labels: readonly (string | number | null)[]): ClaimSource {
  const statements = splitReportSentences(text)
    .map((sentence) => sentence.text)
    .filter((sentence) => !isInstructionToReader(sentence));
  const figures = new Set([...statements, ...labels.filter((label) => label !== null).map(String)].flatMap((part) => extractFigures(part)));
  return { n, figures };
}

/** True when most of the sentence is the system prompt's wording: an LLM repeating its instructions. */
export function echoesInstructions(sentence: string): boolean {
  const text = normalizeText(sentence.replace(CITATION_MARKER, ''));
  if (text.length < 8 || text.includes(notFoundPhrase)) return false;
  let shared = 0;
  let total = 0;
  for (let at = 0; at + gram <= text.length; at += 1) {
    total += 1;
    if (echoReference.includes(text.slice(at, at + gram))) shared += 1;
  }
  return total > 0 && shared / total >= 0.5;
}

/** Puts markers before the sentence's closing punctuation: 共93件。 → 共93件[2]。 */
function addMarkers(sentence: string, numbers: readonly number[]): string {
  const markers = numbers.map((n) => `[${n}]`).join('');
  const match = /[。！？!?；;]?[”’"'）)」』》]*\s*$/u.exec(sentence);
  const at = match?.index ?? sentence.length;
  return `${sentence.slice(0, at)}${markers}${sentence.slice(at)}`;
}

/**
 * The verdict on one sentence. A sentence is removed when its markers all name no passage, when it repeats the
 * system prompt, or when a figure in it is in none of the passages it cites (any passage, if it cites none; the
 * passage that holds the figures is then cited). Markers naming no passage are removed from kept sentences.
 */
export function checkClaim(sentence: string, context: ClaimContext): ClaimVerdict {
  const valid = new Set(context.sources.map((source) => source.n));
  const cited: number[] = [];
  let markers = 0;
  const text = sentence.replace(CITATION_MARKER, (_match, a: string | undefined, b: string | undefined) => {
    markers += 1;
    const n = Number(a ?? b);
    if (!valid.has(n)) return '';
    if (!cited.includes(n)) cited.push(n);
    return `[${n}]`;
  });
  if (markers > 0 && cited.length === 0) return { kept: false, text: sentence, problem: { kind: 'invalid_marker' } };
  if (echoesInstructions(sentence)) return { kept: false, text: sentence, problem: { kind: 'echo' } };

  const figures = [...new Set(extractFigures(text.replace(listNumber, '')))].filter((figure) => !context.questionFigures.has(figure));
  if (figures.length === 0) return { kept: true, text };
  const pool = cited.length > 0 ? context.sources.filter((source) => cited.includes(source.n)) : context.sources;
  const missing = figures.filter((figure) => !pool.some((source) => source.figures.has(figure)));
  if (missing.length > 0) return { kept: false, text: sentence, problem: { kind: 'unsupported_figures', figures: missing } };
  if (cited.length > 0) return { kept: true, text };
  const holders = [...new Set(figures.map((figure) => pool.find((source) => source.figures.has(figure))!.n))].sort((a, b) => a - b);
  return { kept: true, text: addMarkers(text, holders) };
}
