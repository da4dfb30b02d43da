// What is embedded and what is keyword-indexed for a passage: its text with the report and section it belongs to.
import type { ReportMetadata } from '@report-qa/parser';

/**
 * The report's title (or region and year) and the section path go in front of the passage text, because a
 * passage alone often does not say what it is about (「共办理 47 件」 under 「（八）加强行政复议工作」).
 */
export function passageEmbeddingText(metadata: Pick<ReportMetadata, 'title' | 'region' | 'year'>, sectionPath: string, text: string): string {
  const report = metadata.title ?? [metadata.region, metadata.year ? `${metadata.year}年` : null].filter(Boolean).join('');
  return [report, sectionPath, text].filter((part) => part && part.length > 0).join('\n');
}

/** Keyword text: section headings are searchable too, the report title is not (it is the same in every passage). */
export function passageKeywordText(sectionPath: string, text: string): string {
  return sectionPath ? `${sectionPath}\n${text}` : text;
}
