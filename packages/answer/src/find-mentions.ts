// Finds the regions and years a question names, against the reports of the corpus, for scoping and follow-ups.
import type { DocumentRecord } from '@report-qa/retrieval';
import { regionAliases, regionParts } from './region-aliases.js';

export interface RegionMention {
  /** The text as written in the question. */
  text: string;
  index: number;
  /** The canonical part it names, e.g. 海西蒙古族藏族自治州 or 城东区. */
  part: string;
}

export interface YearMention {
  text: string;
  index: number;
  year: number;
}

/** Region parts known from the corpus' documents (their region paths), each with its aliases. */
export function knownRegionParts(documents: readonly DocumentRecord[]): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  for (const document of documents) {
    const { region, regionPath } = document.metadata;
    const names = regionPath.length > 0 ? regionPath : region ? regionParts(region) : [];
    for (const name of names) if (!parts.has(name)) parts.set(name, regionAliases(name));
  }
  return parts;
}

// Region-like words a user may name that the corpus lacks (海南州, 果洛): two to six characters and a suffix.
const unknownRegionPattern = /[\u4e00-\u9fff]{2,6}?(?:自治州|自治县|省|市|州|县)/gu;

/** Regions named in the text: known ones by alias (longest first, no overlaps). */
export function findRegions(text: string, known: Map<string, string[]>): RegionMention[] {
  const candidates: RegionMention[] = [];
  for (const [part, aliases] of known) {
    for (const alias of aliases) {
      let from = 0;
      for (;;) {
        const index = text.indexOf(alias, from);
        if (index < 0) break;
        candidates.push({ text: alias, index, part });
        from = index + alias.length;
      }
    }
  }
  candidates.sort((a, b) => b.text.length - a.text.length || a.index - b.index);
  const taken: RegionMention[] = [];
  for (const candidate of candidates) {
    const overlaps = taken.some(
      (other) => candidate.index < other.index + other.text.length && other.index < candidate.index + candidate.text.length,
    );
    if (!overlaps) taken.push(candidate);
  }
  return taken.sort((a, b) => a.index - b.index);
}

/** Region-like names in the text that no known alias covers (e.g. 海南州 when the corpus has no such report). */
export function findUnknownRegions(text: string, known: Map<string, string[]>): string[] {
  const knownSpans = findRegions(text, known);
  const unknown: string[] = [];
  for (const match of text.matchAll(unknownRegionPattern)) {
    const index = match.index ?? 0;
    const covered = knownSpans.some((span) => index < span.index + span.text.length && span.index < index + match[0].length);
    if (!covered && !unknown.includes(match[0])) unknown.push(match[0]);
  }
  return unknown;
}

/** Years named in the text: 2021, 2021年, 21年 (two digits read as 20xx). */
export function findYears(text: string): YearMention[] {
  const mentions: YearMention[] = [];
  for (const match of text.matchAll(/(?<![\d.])(\d{4}|\d{2})(?=\s*年)(?!\s*年\s*\d)|(?<![\d.])((?:19|20)\d{2})(?![\d.%])/gu)) {
    const digits = match[1] ?? match[2] ?? '';
    const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
    if (year < 1949 || year > 2100) continue;
    mentions.push({ text: match[0], index: match.index ?? 0, year });
  }
  return mentions;
}
