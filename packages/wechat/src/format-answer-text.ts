// An answer as WeChat text: plain text, then a short source footer 「来源：[1] 海东市2020年报告 · （七）…」.
import type { Citation } from '@report-qa/schema';
import { stripMarkdown } from './strip-markdown.js';

/** What a footer needs of a citation: the wire's citation shape, in part. */
export type CitationLike = Pick<Citation, 'n' | 'source' | 'title' | 'region' | 'year' | 'sectionPath' | 'upload'>;

export interface FooterOptions {
  /** Most citations listed (default 5). */
  maxCitations?: number;
  /** Characters of the section title kept (default 20). */
  maxSectionLength?: number;
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

export function formatCitationFooter(citations: readonly CitationLike[], { maxCitations = 5, maxSectionLength = 20 }: FooterOptions = {}): string {
  if (citations.length === 0) return '';
  const lines = citations.slice(0, maxCitations).map((citation) => {
    const sections = citation.sectionPath.split(' > ').map((part) => part.trim()).filter(Boolean);
    const section = sections.at(-1);
    const label = citationLabel(citation);
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

/** The whole reply text: the answer without markdown, a blank line, the footer. */
export function formatAnswerText(answer: { answer: string; citations: readonly CitationLike[] }, options?: FooterOptions): string {
  return withCitationFooter(stripMarkdown(answer.answer), answer.citations, options);
}
