// Mapping from retrieval's records to the HTTP wire format (the routes' and `report-qa search --json`'s shapes).
import type { DocumentSummary, SearchResultWire } from '@report-qa/schema';
import type { DocumentRecord, SearchResult } from '@report-qa/retrieval';

export function toSearchResultWire(result: SearchResult): SearchResultWire {
  return {
    chunkId: result.chunkId,
    docId: result.docId,
    source: result.source,
    title: result.title,
    region: result.region,
    year: result.year,
    sectionPath: result.sectionPath,
    text: result.text,
    start: result.start,
    end: result.end,
    score: result.score,
  };
}

export function toDocumentSummary(document: DocumentRecord): DocumentSummary {
  const { metadata } = document;
  return {
    id: document.id,
    source: document.source,
    title: metadata.title,
    region: metadata.region,
    level: metadata.level,
    year: metadata.year,
    issuer: metadata.issuer,
    docNumber: metadata.docNumber,
    publishedAt: metadata.publishedAt,
    signer: metadata.signer,
    passages: document.passages,
    indexedAt: document.indexedAt,
  };
}
