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
  /** The report's title and issuer: a place the gazetteer does not know (丙县, 某某行委) is named there. */
  title?: string | null;
  issuer?: string | null;
}

/** What scope inference reads of a stored report. */
export function scopeDocument(document: { id: string; metadata: Pick<ScopeDocument, 'region' | 'regionPath' | 'year' | 'level'> & { title: string | null; issuer: string | null } }): ScopeDocument {
  const { region, regionPath, year, level, title, issuer } = document.metadata;
  return { id: document.id, region, regionPath, year, level, title, issuer };
}

/** A place named in a text. */
export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  /** The corpus region it is, or lies inside; null when the library has no report for it. */
  corpus: CorpusRegion | null;
  /** A smaller place inside a corpus region, with no report of its own (德令哈 in 海西州). */
  inside: boolean;
}

/** A region some report of the corpus is about. */
export interface CorpusRegion {
  /** Region path element, e.g. 城东区. */
  key: string;
  path: string[];
  /** Full display name, e.g. 西宁市城东区. */
  display: string;
}

// Places a report may be about that no gazetteer lists: 丙县, 冷湖行委, 某某经济技术开发区, a renamed district.
const PLACE_SUFFIX = '(?:自治州|自治县|自治旗|行委|经济技术开发区|高新技术产业开发区|开发区|高新区|新区|工业园区|县|市|区|州|旗|盟)';
const TITLE_PLACE = new RegExp(`^(?:中共)?([\\p{Script=Han}]{1,12}?${PLACE_SUFFIX})(?:人民政府|政府|管理委员会|管委会)?(?:办公室)?(?:关于)?(?:[12]\\d{3}|[〇零一二][〇零一二三四五六七八九]{3}|法治政府)`, 'u');
const ISSUER_PLACE = new RegExp(`^([\\p{Script=Han}]{1,12}?${PLACE_SUFFIX})(?:人民政府|政府|管理委员会|管委会)`, 'u');
// A place-like name in a question: a short stem before a place suffix, starting where a word can start.
// 市 before 人大, 政协 or 县区 is an institution or a level (提请市人大常委会审议, 市县区法律顾问), not the end of a name.
const QUESTION_PLACE_SUFFIX = new RegExp(`${PLACE_SUFFIX}(?!间|域|内|长|委|政府|级|直|属|民|情|场|容|况|划|分|别|位|块|外|里|人大|政协|县区|县两级|州县)`, 'gu');
const WORD_BEFORE_PLACE = /(?:^|[^\p{Script=Han}]|在|和|与|跟|同|对|从|到|给|把|让|向|比|及|问下|想问|请问|关于|那|说|去|了|的|呢|吗|跟|或)$/u;
// 年 ends a year (2022年提请市…, 2020年市县区…): a name does not run across it.
const NOT_IN_PLACE_NAME = /[哪什么几多少是的了在这那我你他她它们各全本该每个年]/u;
const NOT_PLACES = new Set([
  '全市', '全县', '全区', '全州', '全省', '本市', '本县', '本区', '本州', '该市', '该县', '该区', '各市', '各县', '各区', '各州', '我市', '我县',
  '我区', '我州', '市区', '城区', '社区', '辖区', '景区', '园区', '郊区', '县区', '市县', '省市', '地市', '城市', '县市', '市州', '州县', '牧区',
  '库区', '新区', '开发区', '高新区', '工业园区', '山区', '片区', '城乡', '县城', '示范区', '保护区', '试验区', '自贸区', '市州县', '街区', '地区',
  '城市', '都市', '省区', '湾区', '老区', '矿区', '灾区', '疫区', '校区', '商区', '营区', '警区', '选区', '分区', '学区', '风区', '政区', '小区',
  '专区', '特区', '戒区', '禁区', '盲区', '误区', '县市区', '市县区', '州县', '超市', '股市', '上市', '门市', '夜市', '集市', '互市', '城管',
]);

/** Names a report gives its place by: region path, or the place in its title or issuer when the gazetteer knew none. */
function documentPlaces(document: ScopeDocument): string[] {
  if (document.regionPath.length > 0) return document.regionPath;
  const fromTitle = document.title ? TITLE_PLACE.exec(document.title.replace(/\s+/gu, ''))?.[1] : undefined;
  const fromIssuer = document.issuer ? ISSUER_PLACE.exec(document.issuer.replace(/\s+/gu, ''))?.[1] : undefined;
  const place = fromTitle ?? fromIssuer;
  return place && !NOT_PLACES.has(place) ? [place] : [];
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

type Mention = PlaceMention;

// Short city names that are also everyday words; a question means the word, not the city.
const COMMON_WORDS = new Set(['大同', '长治', '安康', '吉安', '永安', '太平', '中山', '东方', '和平', '新乡', '平安', '开放']);
const MAX_ALIAS_LENGTH = 14;
const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Builds an inference function over the corpus' documents (rebuild it when documents change). */
export function createScopeResolver(givenDocuments: ScopeDocument[]) {
  const { findMentions, regions, aliases } = createPlaceFinder(givenDocuments);
  const documents = givenDocuments.map((document) => ({ ...document, regionPath: documentPlaces(document) }));
  const docsIn = (region: CorpusRegion) => documents.filter((document) => document.regionPath.includes(region.key));

  function resolveRegionFilter(name: string): CorpusRegion | null {
    const direct = aliases.get(name.trim());
    if (direct) return direct;
    const corpusMentions = findMentions(name.trim()).filter((mention) => mention.corpus);
    return corpusMentions[corpusMentions.length - 1]?.corpus ?? null;
  }
  void regions;
  return resolveScopeWith(documents, findMentions, resolveRegionFilter, docsIn);
}

const NO_LENGTHS: readonly number[] = [];

/** For each first character, the lengths (2 to MAX_ALIAS_LENGTH, longest first) of the names that start with it. */
function lengthsByFirstCharacter(names: Iterable<string>): Map<string, number[]> {
  const lengths = new Map<string, Set<number>>();
  for (const name of names) {
    if (name.length < 2 || name.length > MAX_ALIAS_LENGTH) continue;
    const first = name[0]!;
    let set = lengths.get(first);
    if (!set) lengths.set(first, (set = new Set()));
    set.add(name.length);
  }
  return new Map([...lengths].map(([first, set]) => [first, [...set].sort((a, b) => b - a)]));
}

let gazetteerLengthsCache: Map<string, number[]> | null = null;
function gazetteerLengths(): Map<string, number[]> {
  return (gazetteerLengthsCache ??= lengthsByFirstCharacter(gazetteerAliases().keys()));
}

function mergeLengths(a: Map<string, number[]>, b: Map<string, number[]>): Map<string, number[]> {
  const merged = new Map(b);
  for (const [first, lengths] of a) merged.set(first, [...new Set([...lengths, ...(b.get(first) ?? [])])].sort((x, y) => y - x));
  return merged;
}

/** Finds the places a text names, against the corpus' regions (and their names in titles) and the gazetteer. */
export function createPlaceFinder(givenDocuments: ScopeDocument[]) {
  const documents = givenDocuments.map((document) => ({ ...document, regionPath: documentPlaces(document) }));
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
  const nameLengths = mergeLengths(lengthsByFirstCharacter(aliases.keys()), gazetteerLengths());

  function findMentions(text: string): Mention[] {
    const mentions: Mention[] = [];
    for (let start = 0; start < text.length; ) {
      let found: Mention | null = null;
      // Only the lengths of names that start with this character, longest first.
      for (const length of nameLengths.get(text[start]!) ?? NO_LENGTHS) {
        if (length > text.length - start) continue;
        const candidate = text.slice(start, start + length);
        const corpus = aliases.get(candidate);
        if (corpus) {
          found = { start, end: start + length, text: candidate, corpus, inside: false };
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
    // Place-like names neither the corpus nor the gazetteer knows (丙县 before its report is added) are not covered.
    for (const match of text.matchAll(QUESTION_PLACE_SUFFIX)) {
      const end = match.index + match[0].length;
      for (let length = 1; length <= 6 && match.index - length >= 0; length += 1) {
        const start = match.index - length;
        const stem = text.slice(start, match.index);
        if (!/^[\p{Script=Han}]+$/u.test(stem) || NOT_IN_PLACE_NAME.test(stem)) break;
        if (!WORD_BEFORE_PLACE.test(text.slice(0, start))) continue;
        const name = text.slice(start, end);
        const ending = name.slice(-2);
        if (!NOT_PLACES.has(name) && !NOT_PLACES.has(ending) && !mentions.some((mention) => start < mention.end && mention.start < end)) {
          mentions.push({ start, end, text: name, corpus: null, inside: false });
        }
        break;
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    // A city written right before one of its districts (西宁市城东区, 西宁的城东区) names the district; a city and a
    // district named apart (湟中…和西宁…) are two places.
    return mentions.filter(
      (mention) =>
        !mention.corpus ||
        !mentions.some(
          (other) =>
            other.corpus &&
            other.start >= mention.end &&
            /^的?$/u.test(text.slice(mention.end, other.start)) &&
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

  return { findMentions, regions, aliases };
}

/** A report of the region itself (西宁市's own), not of a place under it (城东区). */
function isOwnReport(document: ScopeDocument, region: CorpusRegion): boolean {
  return document.regionPath.at(-1) === region.key;
}

function resolveScopeWith(
  documents: ScopeDocument[],
  findMentions: (text: string) => Mention[],
  resolveRegionFilter: (name: string) => CorpusRegion | null,
  docsIn: (region: CorpusRegion) => ScopeDocument[],
) {
  return function resolveScope(query: string, filters: SearchFilters = {}, infer = true, now?: Date): ResolvedScope {
    const mentions = infer ? findMentions(query) : [];
    const yearMentions = infer ? findYears(query, now) : [];
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
      // A region with reports of its own is answered for a year by its own reports only: 西宁2017年 is not
      // 城东区's 2017 report. A region without any (a province) is answered by the reports under it.
      const ownReports = (region: CorpusRegion) => candidates.filter((document) => isOwnReport(document, region));
      const present = new Set(
        appliedRegions.length === 0
          ? candidates.map((document) => document.year)
          : appliedRegions.flatMap((region) => (ownReports(region).length > 0 ? ownReports(region) : docsIn(region).filter((document) => candidates.includes(document)))).map((document) => document.year),
      );
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
    } else if (appliedRegions.length === 1 && docIds) {
      // One region with reports of its own and of places under it (西宁市 with 城东区 and 湟中区): its own reports share
      // the top results with theirs, so what the region's own report says is always weighed first.
      // (The candidates left are all in that region.)
      const region = appliedRegions[0]!;
      const own = (document: ScopeDocument) => isOwnReport(document, region);
      if (candidates.some(own) && !candidates.every(own)) {
        regionOfDoc = new Map(candidates.map((document) => [document.id, own(document) ? region.key : `${region.key}/under`]));
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
        inside: uniqueBy(
          mentions.flatMap((mention) => (mention.inside && mention.corpus ? [{ place: mention.text, region: mention.corpus.display }] : [])),
          (entry) => entry.place,
        ),
      },
      docIds,
      regionOfDoc,
      cleanedQuery: cleanedQuery.trim() || query,
    };
  };
}

export type ScopeResolver = ReturnType<typeof createScopeResolver>;

const RELATIVE_YEARS: Record<string, number> = { 今年: 0, 本年: 0, 本年度: 0, 当年: 0, 去年: -1, 上年: -1, 上一年: -1, 前年: -2 };

/**
 * Years written as 2020年, 2020年度, 17年 (two digits, after a name, not 近10年) or 二〇二〇年; with `now` (the date of
 * the question) also 今年, 去年, 前年. A relative year that is the base of a change (比去年少了多少, 较上一年, 与去年同期相比)
 * is not the year asked about: the reports state such changes against their own previous year.
 */
export function findYears(text: string, now?: Date): { start: number; end: number; year: number }[] {
  const found: { start: number; end: number; year: number }[] = [];
  if (now) {
    for (const match of text.matchAll(/(?<![比较与跟同])(?:本年度|上一年|今年|本年|当年|去年|上年|前年)(?!同期|相比)/gu)) {
      found.push({ start: match.index, end: match.index + match[0].length, year: now.getFullYear() + RELATIVE_YEARS[match[0]]! });
    }
  }
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
  // A period in brackets after a name (实施方案（2017-2020年）, 《…规划（2021—2025年）》) is part of that plan's name,
  // not a year the question asks about.
  const periods = [...text.matchAll(PLAN_PERIOD)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return found.filter((year) => !periods.some((period) => period.start <= year.start && year.end <= period.end)).sort((a, b) => a.start - b.start);
}

const PLAN_PERIOD = /[（(《][^（）()《》]*?(?:19|20)\d{2}\s*[-—–~～至到]\s*(?:19|20)\d{2}\s*年[^（）()《》]*[）)》]/gu;

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(key(value)) && Boolean(seen.add(key(value))));
}

function toArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
