// Inverse document frequency of key terms over the sentences of the corpus, so rare topic words outweigh 法治/政府.
import { normalizeText } from './normalize-text.js';
import { splitSentences } from './split-sentences.js';

export type TermWeight = (term: string) => number;

/** Builds term weights from the original texts of all reports (sentences as the documents of the IDF). */
export function createTermWeights(originals: readonly string[]): TermWeight {
  const sentences = originals.flatMap((original) => splitSentences(original).map((span) => normalizeText(span.text)));
  const total = sentences.length;
  const cache = new Map<string, number>();
  return (term) => {
    const cached = cache.get(term);
    if (cached !== undefined) return cached;
    let frequency = 0;
    for (const sentence of sentences) if (sentence.includes(term)) frequency += 1;
    // A term the corpus never uses weighs most: a question about it is likely not answered here.
    const weight = Math.log((total + 1) / (frequency + 0.5));
    cache.set(term, weight);
    return weight;
  };
}
