// Per-corpus state the answerer reuses between questions: documents, region names, term weights.
import type { DocumentRecord, DocumentWithText, ReportSearcher } from '@report-qa/retrieval';
import type { TermWeight } from './term-weights.js';
import { createTermWeights } from './term-weights.js';

export interface AnswerContext {
  documents: DocumentRecord[];
  weight: TermWeight;
  corpus: { regions: string[]; years: number[] };
  source: (docId: string) => DocumentWithText | null;
}

/** Returns a function that gives the context, rebuilt only when the set of documents (or their contents) changes. */
export function createContextCache(searcher: ReportSearcher): () => AnswerContext {
  let key = '';
  let cached: AnswerContext | null = null;
  return () => {
    const documents = searcher.documents();
    const nextKey = documents.map((document) => `${document.id}:${document.contentHash}`).sort().join('|');
    if (cached && nextKey === key) return cached;
    const texts = new Map<string, DocumentWithText | null>();
    const source = (docId: string) => {
      if (!texts.has(docId)) texts.set(docId, searcher.getDocument(docId));
      return texts.get(docId) ?? null;
    };
    const originals = documents.map((document) => source(document.id)?.original ?? '');
    key = nextKey;
    cached = { documents, weight: createTermWeights(originals), corpus: searcher.corpus(), source };
    return cached;
  };
}
