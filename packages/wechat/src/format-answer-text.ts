// An answer as plain text with its sources: WeChat's reply with a short footer 「来源：[1] 海东市2020年报告 · （七）…」, or
// the web app's copied answer with every source and its quote. Imports nothing at run time (the web app bundles it).
import type { Citation } from '@report-qa/schema';
import { stripMarkdown } from './strip-markdown.js';

/** What a footer needs of a citation: the wire's citation shape, in part (the quote only for the copy form). */
export type CitationLike = Pick<Citation, 'n' | 'source' | 'title' | 'region' | 'year' | 'sectionPath' | 'upload'> & Partial<Pick<Citation, 'quote'>>;

export interface FooterOptions {
  /** Most citations listed (default 5). */
  maxCitations?: number;
  /** Characters of the section title kept (default 20). */
  maxSectionLength?: number;
  /** How a source's report is named (default citationLabel); the web app names it as its source list does. */
  label?: (citation: CitationLike) => string;
}

export interface AnswerTextOptions extends FooterOptions {
  /**
   * 'reply' (default): WeChat's reply: markdown removed, the short footer. 'copy': the web app's 「复制答案」: the answer
   * as written, then 「来源：」 and each source on its own lines, `[n] report › section path` and its exact quote in 「」
   * (all sources, whole section paths: maxCitations and maxSectionLength do not apply).
   */
  form?: 'reply' | 'copy';
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** "海东市2020年报告", else the title, else the file name; 「（上传）」 after an uploaded report's. */
export function citationLabel(citation: CitationLike): string {
  const upload = citation.upload ? '（上传）' : '';
  if (citation.region && citation.year) return `${citation.region}${citation.year}年报告${upload}`;
  if (citation.title) return `${citation.title}${upload}`;
  if (citation.region) return `${citation.region}报告${upload}`;
  return `${citation.source}${upload}`;
}

export function formatCitationFooter(
  citations: readonly CitationLike[],
  { maxCitations = 5, maxSectionLength = 20, label: labelOf = citationLabel }: FooterOptions = {},
): string {
  if (citations.length === 0) return '';
  const lines = citations.slice(0, maxCitations).map((citation) => {
    const sections = citation.sectionPath.split(' > ').map((part) => part.trim()).filter(Boolean);
    const section = sections.at(-1);
    const label = labelOf(citation);
    return `[${citation.n}] ${section ? `${label} · ${shorten(section, maxSectionLength)}` : label}`;
  });
  const more = citations.length > maxCitations ? `\n等 ${citations.length} 处` : '';
  return `${FOOTER_LEAD}${lines.join('\n')}${more}`;
}

const FOOTER_LEAD = '来源：';

/** An answer with a footer appended after a blank line (nothing appended when there are no citations). */
export function withCitationFooter(text: string, citations: readonly CitationLike[], options?: FooterOptions): string {
  const footer = formatCitationFooter(citations, options);
  return footer ? `${text}\n\n${footer}` : text;
}

/** The answer part of a text that withCitationFooter (or formatAnswerText) made: the footer taken off again. */
export function withoutCitationFooter(text: string): string {
  return text.split(`\n\n${FOOTER_LEAD}`)[0]!.trim();
}

/** Every source with its whole section path and its exact quote, for text a user copies. */
function formatQuotedSources(citations: readonly CitationLike[], labelOf: (citation: CitationLike) => string): string {
  const sources = citations.map((citation) => {
    const place = [labelOf(citation), citation.sectionPath].filter(Boolean).join(' › ');
    return `[${citation.n}] ${place}\n「${(citation.quote ?? '').trim()}」`;
  });
  return `${FOOTER_LEAD}\n${sources.join('\n')}`;
}

/**
 * The whole text of an answer: in the reply form the answer without markdown, a blank line, the footer; in the copy form
 * the answer as written, a blank line, the sources with their quotes. Nothing is appended when there are no citations.
 */
export function formatAnswerText(answer: { answer: string; citations: readonly CitationLike[] }, options: AnswerTextOptions = {}): string {
  if (options.form !== 'copy') return withCitationFooter(stripMarkdown(answer.answer), answer.citations, options);
  const text = answer.answer.trim();
  return answer.citations.length === 0 ? text : `${text}\n\n${formatQuotedSources(answer.citations, options.label ?? citationLabel)}`;
}
