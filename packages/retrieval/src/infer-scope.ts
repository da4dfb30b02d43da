// Understands which regions and years a question is about, and turns them (and explicit filters) into a document set.
import type { AdministrativeLevel } from '@report-qa/parser';
import type { QueryScope, SearchFilters } from './types.js';
import { gazetteerAliases } from './region-gazetteer.js';
import { regionNameForms } from './region-names.js';

/** What scope inference needs to know about each document. */
export interface ScopeDocument {
  id: string;
  region: string | null;
  regionPath: string[];
  year: number | null;
  level: AdministrativeLevel | null;
}

export interface ResolvedScope {
  scope: QueryScope;
  /** Documents a search may return; null when nothing restricts them. */
  docIds: Set<string> | null;
  /** For questions naming several regions: each allowed document's region, to share result slots fairly. */
  regionOfDoc: Map<string, string> | null;
  /** The query without the region and year words that became filters (they only add noise to ranking). */
  cleanedQuery: string;
}

interface CorpusRegion {
  /** Region path element, e.g. 城东区. */
  key: string;
  path: string[];
  /** Full display name, e.g. 西宁市城东区. */
  display: string;
}

interface Mention {
  start: number;
  end: number;
  text: string;
  corpus: CorpusRegion | null;
  /** A smaller place inside a corpus region: filters by that region, but stays in the query text. */
  inside?: boolean;
}

// Short city names that are also everyday words; a question means the word, not the city.
const COMMON_WORDS = new Set(['大同', '长治', '安康', '吉安', '永安', '太平', '中山', '东方', '和平', '新乡', '平安', '开放']);
const MAX_ALIAS_LENGTH = 14;
const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Builds an inference function over the corpus' documents (rebuild it when documents change). */
export function createScopeResolver(documents: ScopeDocument[]) {
  const regions = new Map<string, CorpusRegion>();
  const aliases = new Map<string, CorpusRegion>();
  for (const document of documents) {
    document.regionPath.forEach((key, index) => {
      if (regions.has(key)) return;
      const path = document.regionPath.slice(0, index + 1);
      const isLast = index === document.regionPath.length - 1;
      regions.set(key, { key, path, display: isLast && document.region ? document.region : key });
    });
  }
  for (const region of regions.values()) {
    for (const form of regionNameForms(region.key)) if (!aliases.has(form)) aliases.set(form, region);
    aliases.set(region.display, region);
  }
  // Longer spellings first so 西宁市城东区 wins over 西宁市 when both were registered under one form.
  for (const document of documents) {
    const last = document.regionPath[document.regionPath.length - 1];
    if (document.region && last) aliases.set(document.region, regions.get(last)!);
  }
  const gazetteer = gazetteerAliases();

  const docsIn = (region: CorpusRegion) => documents.filter((document) => document.regionPath.includes(region.key));

  function findMentions(text: string): Mention[] {
    const mentions: Mention[] = [];
    for (let start = 0; start < text.length; ) {
      let found: Mention | null = null;
      for (let length = Math.min(MAX_ALIAS_LENGTH, text.length - start); length >= 2; length--) {
        const candidate = text.slice(start, start + length);
        const corpus = aliases.get(candidate);
        if (corpus) {
          found = { start, end: start + length, text: candidate, corpus };
          break;
        }
        const paths = gazetteer.get(candidate);
        if (paths && !COMMON_WORDS.has(candidate)) {
          // A place inside a corpus region (格尔木 in 海西州) is covered by that region's report.
          const enclosing = enclosingCorpusRegion(paths);
          found = { start, end: start + length, text: candidate, corpus: enclosing, inside: enclosing !== null };
          break;
        }
      }
      if (found) {
        mentions.push(found);
        start = found.end;
      } else {
        start++;
      }
    }
    // A city named beside one of its districts means the district: the city path is a prefix of the other.
    return mentions.filter(
      (mention) =>
        !mention.corpus ||
        !mentions.some(
          (other) =>
            other.corpus &&
            other.corpus.path.length > mention.corpus!.path.length &&
            mention.corpus!.path.every((name, index) => other.corpus!.path[index] === name),
        ),
    );
  }

  function enclosingCorpusRegion(paths: string[][]): CorpusRegion | null {
    for (const path of paths) {
      // Never up to the province: a province-wide match would make every report in it an answer.
      for (let index = path.length - 1; index >= 1; index--) {
        const region = regions.get(path[index]!);
        if (region) return region;
      }
    }
    return null;
  }

  function resolveRegionFilter(name: string): CorpusRegion | null {
    const direct = aliases.get(name.trim());
    if (direct) return direct;
    const corpusMentions = findMentions(name.trim()).filter((mention) => mention.corpus);
    return corpusMentions[corpusMentions.length - 1]?.corpus ?? null;
  }

  return function resolveScope(query: string, filters: SearchFilters = {}, infer = true): ResolvedScope {
    const mentions = infer ? findMentions(query) : [];
    const yearMentions = infer ? findYears(query) : [];
    const inferredRegions = unique(mentions.flatMap((mention) => (mention.corpus ? [mention.corpus] : [])));
    const missingRegions = unique(mentions.flatMap((mention) => (mention.corpus ? [] : [mention.text])));

    let candidates = documents;
    if (filters.docId !== undefined) {
      const ids = new Set(toArray(filters.docId));
      candidates = candidates.filter((document) => ids.has(document.id));
    }
    if (filters.level !== undefined) candidates = candidates.filter((document) => document.level === filters.level);

    // Regions: an explicit filter replaces what the question says.
    let appliedRegions: CorpusRegion[] = [];
    if (filters.region !== undefined) {
      for (const name of toArray(filters.region)) {
        const region = resolveRegionFilter(name);
        if (region) appliedRegions.push(region);
        else missingRegions.push(name);
      }
      appliedRegions = unique(appliedRegions);
      const allowed = new Set(appliedRegions.flatMap((region) => docsIn(region).map((document) => document.id)));
      candidates = candidates.filter((document) => allowed.has(document.id));
    } else if (inferredRegions.length > 0) {
      appliedRegions = inferredRegions;
      const allowed = new Set(appliedRegions.flatMap((region) => docsIn(region).map((document) => document.id)));
      candidates = candidates.filter((document) => allowed.has(document.id));
    }

    // Years: only those present among the documents left apply; the others are reported missing.
    const inferredYears = unique(yearMentions.map((mention) => mention.year));
    const missingYears: number[] = [];
    let appliedYears: number[] = [];
    if (filters.year !== undefined) {
      appliedYears = unique(toArray(filters.year));
      for (const year of appliedYears) if (!documents.some((document) => document.year === year)) missingYears.push(year);
      candidates = candidates.filter((document) => document.year !== null && appliedYears.includes(document.year));
    } else if (inferredYears.length > 0) {
      const present = new Set(candidates.map((document) => document.year));
      appliedYears = inferredYears.filter((year) => present.has(year));
      missingYears.push(...inferredYears.filter((year) => !present.has(year)));
      if (appliedYears.length > 0) candidates = candidates.filter((document) => appliedYears.includes(document.year!));
    }

    const applied: SearchFilters = {};
    if (appliedRegions.length > 0) applied.region = appliedRegions.map((region) => region.display);
    if (appliedYears.length > 0) applied.year = appliedYears;
    if (filters.level !== undefined) applied.level = filters.level;
    if (filters.docId !== undefined) applied.docId = filters.docId;

    const restricted = Object.keys(applied).length > 0 || filters.region !== undefined || filters.year !== undefined;
    const docIds = restricted ? new Set(candidates.map((document) => document.id)) : null;
    let regionOfDoc: Map<string, string> | null = null;
    if (appliedRegions.length > 1) {
      regionOfDoc = new Map();
      for (const region of appliedRegions) {
        for (const document of docsIn(region)) if (!regionOfDoc.has(document.id)) regionOfDoc.set(document.id, region.key);
      }
    }

    // Strip the words that became filters, so 海东 does not rank passages that merely mention 海东.
    const removable = [
      ...mentions.filter((mention) => mention.corpus && !mention.inside && appliedRegions.includes(mention.corpus)),
      ...yearMentions.filter((mention) => appliedYears.includes(mention.year)),
    ].sort((a, b) => b.start - a.start);
    let cleanedQuery = query;
    for (const mention of removable) cleanedQuery = cleanedQuery.slice(0, mention.start) + ' ' + cleanedQuery.slice(mention.end);

    return {
      scope: {
        filters: applied,
        inferred: { regions: inferredRegions.map((region) => region.display), years: inferredYears.filter((year) => !missingYears.includes(year)) },
        missing: { regions: unique(missingRegions), years: unique(missingYears) },
      },
      docIds,
      regionOfDoc,
      cleanedQuery: cleanedQuery.trim() || query,
    };
  };
}

export type ScopeResolver = ReturnType<typeof createScopeResolver>;

/** Years written as 2020年, 2020年度, 17年 (two digits, after a name, not 近10年) or 二〇二〇年. */
export function findYears(text: string): { start: number; end: number; year: number }[] {
  const found: { start: number; end: number; year: number }[] = [];
  for (const match of text.matchAll(/(?<![\d.])((?:19|20)\d{2})\s*(?=年)/g)) {
    found.push({ start: match.index, end: match.index + match[1]!.length + 1, year: Number(match[1]) });
  }
  for (const match of text.matchAll(/(?<![\d.近前后多第每这十])(\d{2})(?=年(?!代|前|后|来|内|间|以))/g)) {
    found.push({ start: match.index, end: match.index + 3, year: 2000 + Number(match[1]) });
  }
  for (const match of text.matchAll(/([〇零一二三四五六七八九]{4})(?=年)/g)) {
    const digits = [...match[1]!].map((char) => CHINESE_DIGITS[char]).join('');
    const year = Number(digits);
    if (year >= 1900 && year < 2100) found.push({ start: match.index, end: match.index + 5, year });
  }
  return found.sort((a, b) => a.start - b.start);
}

function toArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
