// Makes a Citation from an exact span of a report and the passage it was found in.
import type { DocumentWithText, SearchResult } from '@report-qa/retrieval';
import type { Citation } from './types.js';

export function buildCitation(n: number, passage: SearchResult, document: DocumentWithText, start: number, end: number): Citation {
  return {
    n,
    chunkId: passage.chunkId,
    docId: passage.docId,
    source: passage.source,
    title: passage.title ?? document.metadata.title,
    region: passage.region ?? document.metadata.region,
    year: passage.year ?? document.metadata.year,
    sectionPath: passage.sectionPath,
    quote: document.original.slice(start, end),
    start,
    end,
  };
}
