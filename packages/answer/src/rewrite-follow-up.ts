// Rewrites a follow-up (「那2021年呢？」「海西呢？」「具体有哪些措施」) into a standalone question, by rules.
import type { DocumentRecord } from '@report-qa/retrieval';
import { findRegions, findYears, knownRegionParts } from './find-mentions.js';
import type { HistoryTurn } from './types.js';

const followUpStart = /^(?:那么|那|还有|另外|再|具体|其中|这些|这个|这方面|它们|他们|该)/u;
const followUpEnd = /呢[？?。!！\s]*$/u;
const maxFollowUpLength = 24;
const unknownRegion = /^[\u4e00-\u9fff]{2,8}?(?:自治州|自治县|州|市|县|区|省)$/u;

/** Whether a question leans on an earlier turn instead of standing alone. */
export function isFollowUp(question: string): boolean {
  const text = question.trim();
  return text.length <= maxFollowUpLength && (followUpStart.test(text) || followUpEnd.test(text));
}

/** Removes a mention from the text, with the 年/年度 that follows a year. */
function cut(text: string, mention: { index: number; text: string }): string {
  return text.slice(0, mention.index) + text.slice(mention.index + mention.text.length).replace(/^\s*年度?/u, '');
}

function stripEnd(text: string): string {
  return text.trim().replace(/[？?。!！\s]+$/u, '');
}

/**
 * The standalone question for `question` after `history`: the last user question with its region or year
 * replaced by the ones named now, or with the new ask appended. A question that stands alone is returned as is.
 */
export function rewriteFollowUp(question: string, history: readonly HistoryTurn[], documents: readonly DocumentRecord[]): string {
  const last = [...history].reverse().find((turn) => turn.role === 'user')?.content.trim();
  if (!last || !isFollowUp(question)) return question;
  const known = knownRegionParts(documents);
  let rest = stripEnd(question).replace(followUpStart, '').replace(/呢$/u, '');
  const regions = findRegions(rest, known);
  const years = findYears(rest);
  for (const mention of [...regions, ...years].sort((a, b) => b.index - a.index)) {
    rest = cut(rest, mention);
  }
  rest = rest.replace(/^(?:的|在|里|方面)+|(?:的|的情况|情况)+$/gu, '').trim();
  const newRegions = regions.map((mention) => mention.text);
  if (newRegions.length === 0 && unknownRegion.test(rest)) {
    newRegions.push(rest);
    rest = '';
  }
  const newYears = years.map((mention) => mention.year);

  let base = stripEnd(last);
  const oldRegions = findRegions(base, known);
  const oldYears = findYears(base);
  if (newRegions.length > 0) {
    const first = oldRegions[0];
    for (const mention of [...oldRegions].reverse()) base = cut(base, mention);
    const at = first ? first.index : 0;
    base = base.slice(0, at) + newRegions.join('和') + base.slice(at);
  }
  const yearsNow = findYears(base);
  if (newYears.length > 0) {
    const text = newYears.map((year) => `${year}年`).join('和');
    const first = yearsNow[0];
    for (const mention of [...yearsNow].reverse()) base = cut(base, mention);
    const regionEnd = findRegions(base, known)[0];
    const at = first ? first.index : regionEnd ? regionEnd.index + regionEnd.text.length : 0;
    base = base.slice(0, at) + text + base.slice(at);
  } else if (regions.length > 0 && oldYears.length > 0) {
    // The old year only carries over when the new (known) region has a report for it.
    const parts = findRegions(base, known).map((mention) => mention.part);
    const hasReport = documents.some(
      (document) =>
        document.metadata.year !== null &&
        oldYears.some((mention) => mention.year === document.metadata.year) &&
        document.metadata.regionPath.some((part) => parts.includes(part)),
    );
    if (!hasReport) {
      for (const mention of [...yearsNow].reverse()) base = cut(base, mention);
    }
  }
  if (rest.length > 0) return `${base}，${rest}？`;
  return `${base}？`;
}
