// Inverse document frequency of key terms over the sentences of the corpus, so rare topic words outweigh 法治/政府.
import { normalizeText } from './normalize-text.js';
import { splitReportSentences as splitSentences } from '@report-qa/parser';

export interface TermWeight {
  (term: string): number;
  /** Whether any sentence of the corpus uses the term. */
  seen(term: string): boolean;
}

/** Builds term weights from the original texts of all reports (sentences as the documents of the IDF). */
export function createTermWeights(originals: readonly string[]): TermWeight {
  const sentences = originals.flatMap((original) => splitSentences(original).map((span) => normalizeText(span.text)));
  const total = sentences.length;
  const frequencies = new Map<string, number>();
  const frequency = (term: string): number => {
    let count = frequencies.get(term);
    if (count === undefined) {
      count = 0;
      for (const sentence of sentences) if (sentence.includes(term)) count += 1;
      frequencies.set(term, count);
    }
    return count;
  };
  // A term the corpus never uses weighs most: a question about it is likely not answered here.
  const weight = (term: string): number => Math.log((total + 1) / (frequency(term) + 0.5));
  return Object.assign(weight, { seen: (term: string) => frequency(term) > 0 });
}
