// How a cited passage's report is named in the UI and in copied text.
import type { Citation } from '@report-qa/schema';

/** The report title, else region and year, else the file name. */
export function describeCitation(citation: Pick<Citation, 'title' | 'region' | 'year' | 'source'>): string {
  if (citation.title) return citation.title;
  const parts = [citation.region, citation.year === null ? null : `${citation.year}年`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : citation.source;
}

/** 「（上传于 2026-11-27）」 for a passage of an uploaded report, so it is not taken for one of the library's own. */
export function uploadLabel(citation: Pick<Citation, 'upload' | 'indexedAt'>): string {
  if (!citation.upload) return '';
  return citation.indexedAt ? `（上传于 ${citation.indexedAt.slice(0, 10)}）` : '（上传）';
}
