// Checks a generated answer: drops [n] markers that point to no passage, narrows citations, flags unsupported figures.
import { CITATION_MARKER, markerNumbers } from './citation-markers.js';
import type { DocumentWithText, SearchResult } from '@report-qa/retrieval';
import { buildCitation } from './build-citation.js';
import { extractFigures, figuresMissingFrom } from './extract-figures.js';
import { isInstructionToReader } from './imperative-text.js';
import { keyTerms } from './analyze-question.js';
import { normalizeText } from './normalize-text.js';
import { notFoundPhrase } from './not-found-answer.js';
import { passageSentences } from './select-evidence.js';
import type { Citation } from './types.js';

export interface NumberedPassage {
  n: number;
  passage: SearchResult;
  document: DocumentWithText;
}

export interface CheckedAnswer {
  answer: string;
  citations: Citation[];
  unsupportedFigures: string[];
  notFound: boolean;
}


/** Removes markers whose number names no passage; normalises 【n】 to [n]. */
export function removeInvalidMarkers(text: string, valid: ReadonlySet<number>): string {
  return text.replace(CITATION_MARKER, (_match, a: string | undefined, b: string | undefined) => {
    const n = Number(a ?? b);
    return valid.has(n) ? `[${n}]` : '';
  });
}

/** The claims (sentences of the answer) that carry marker n. */
function claimsFor(answer: string, n: number): string[] {
  return answer.split(/(?<=[。！？\n；])/u).filter((claim) => claim.includes(`[${n}]`));
}

/** The contiguous sentences of a passage that the claims rely on: those holding their figures or much of their wording. */
function supportingSpan(entry: NumberedPassage, claims: readonly string[]): { start: number; end: number } {
  const { passage, document } = entry;
  // Text addressed to the reader is never what a claim rests on.
  const sentences = passageSentences(document, passage).filter((sentence) => !isInstructionToReader(sentence.text));
  const figures = new Set(claims.flatMap((claim) => extractFigures(claim)));
  const terms = keyTerms(claims.join('').replace(CITATION_MARKER, ''));
  const used = sentences.filter((sentence) => {
    const text = normalizeText(sentence.text);
    if (extractFigures(sentence.text).some((figure) => figures.has(figure))) return true;
    const hits = terms.filter((term) => text.includes(term)).length;
    return terms.length > 0 && hits / terms.length >= 0.3;
  });
  const first = used[0];
  const last = used[used.length - 1];
  if (!first || !last) return { start: passage.start, end: passage.end };
  return { start: first.start, end: last.end };
}

/** Narrows the citations of a (sentence-checked) answer to what its claims rely on; flags figures still unsupported. */
export function checkLlmAnswer(raw: string, passages: readonly NumberedPassage[], question = ''): CheckedAnswer {
  const valid = new Set(passages.map((entry) => entry.n));
  const answer = removeInvalidMarkers(raw, valid).trim();
  const cited = markerNumbers(answer);
  if (cited.length === 0 && answer.includes(notFoundPhrase)) {
    return { answer, citations: [], unsupportedFigures: [], notFound: true };
  }
  const citations = cited.flatMap((n) => {
    const entry = passages.find((item) => item.n === n);
    if (!entry) return [];
    const span = supportingSpan(entry, claimsFor(answer, n));
    return [buildCitation(n, entry.passage, entry.document, span.start, span.end)];
  });
  // A figure may come from a quote, from its report's labels (the year) or from the question itself.
  const labels = citations.map((citation) => [citation.region, citation.year, citation.sectionPath].filter((part) => part !== null).join(' '));
  const unsupportedFigures = figuresMissingFrom(answer, [...citations.map((citation) => citation.quote), ...labels, question]);
  return { answer, citations, unsupportedFigures, notFound: false };
}
