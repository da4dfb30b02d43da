// Marks each citation of a streamed answer with where its report came from (uploaded or not) and when it was indexed.
import type { DocumentRecord } from '@report-qa/retrieval';
import type { AnswerEvent, Citation } from './types.js';

export type IsUpload = (document: DocumentRecord) => boolean;

function withOrigin(citations: readonly Citation[], documents: ReadonlyMap<string, DocumentRecord>, isUpload: IsUpload): Citation[] {
  return citations.map((citation) => {
    const document = documents.get(citation.docId);
    return { ...citation, upload: document ? isUpload(document) : false, ...(document ? { indexedAt: document.indexedAt } : {}) };
  });
}

/** The events with every citation list marked; `documents` is read once, when the first citations come. */
export async function* markCitationOrigins(
  events: AsyncIterable<AnswerEvent>,
  documents: () => readonly DocumentRecord[],
  isUpload: IsUpload,
): AsyncGenerator<AnswerEvent> {
  let byId: Map<string, DocumentRecord> | null = null;
  const mark = (citations: readonly Citation[]) => {
    byId ??= new Map(documents().map((document) => [document.id, document]));
    return withOrigin(citations, byId, isUpload);
  };
  for await (const event of events) {
    if (event.type === 'citations' || event.type === 'replace') yield { ...event, citations: mark(event.citations) };
    else if (event.type === 'done') yield { ...event, result: { ...event.result, citations: mark(event.result.citations) } };
    else yield event;
  }
}
