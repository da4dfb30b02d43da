// Judges report sentences against a question by meaning: the cosine of the question's vector and the sentence
// vectors stored at ingest (both L2-normalised by the same model), so no sentence is embedded per question.
import type { TextSpan } from '@report-qa/parser';
import type { DocumentWithText, ReportSearcher, SentenceVectors } from '@report-qa/retrieval';

/** Cosine similarity of a sentence with the question, or null when either vector is missing. */
export type SentenceSimilarity = (document: DocumentWithText, sentence: TextSpan) => number | null;

const startIndexes = new WeakMap<SentenceVectors, Map<number, number>>();

function indexByStart(vectors: SentenceVectors): Map<number, number> {
  let map = startIndexes.get(vectors);
  if (!map) {
    map = new Map();
    for (let index = 0; index < vectors.spans.length / 2; index += 1) map.set(vectors.spans[index * 2]!, index);
    startIndexes.set(vectors, map);
  }
  return map;
}

export function createSentenceSimilarity(searcher: ReportSearcher, queryVector: readonly number[] | null | undefined): SentenceSimilarity {
  if (!queryVector || !searcher.sentenceVectors) return () => null;
  const query = Float32Array.from(queryVector);
  const memo = new Map<string, number | null>();
  return (document, sentence) => {
    const key = `${document.id}:${sentence.start}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const vectors = searcher.sentenceVectors?.(document.id) ?? null;
    let value: number | null = null;
    const index = vectors ? indexByStart(vectors).get(sentence.start) : undefined;
    if (vectors && index !== undefined && vectors.dimensions === query.length) {
      let dot = 0;
      const offset = index * vectors.dimensions;
      for (let d = 0; d < query.length; d += 1) dot += query[d]! * vectors.vectors[offset + d]!;
      value = dot;
    }
    memo.set(key, value);
    return value;
  };
}
