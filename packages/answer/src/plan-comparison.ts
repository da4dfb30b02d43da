// Decides whether a question compares reports (several regions or years, or 「几份报告比一下」) and which reports each row covers.
import type { DocumentRecord } from '@report-qa/retrieval';
import { findRegions, findYears, knownRegionParts } from './find-mentions.js';

export interface ComparisonTarget {
  /** The row label, e.g. 西宁市 or 西宁市（2022年） when one region has several reports. */
  label: string;
  docIds: string[];
  /** What this row asks, when the question asks each region its own thing (「海东…废止了多少件？海西…推的是哪种模式？」). */
  question?: string;
  /** The years asked of a region that has reports, none of them for those years (its row then says so). */
  missingYears?: number[];
}

/**
 * Splits a question that asks each region its own thing into one question per region: the sentence that names the
 * region, after the parts that name none (the shared topic: 「优化营商环境上，」). Null when one sentence names them all.
 */
export function rowQuestions(question: string, regionStarts: readonly number[]): ((start: number) => string) | null {
  // Clauses when each place's clause asks its own question (「城东区中心办理多少项，海东进驻大厅的事项多少项？」),
  // else sentences (「海东受理多少件，海西呢？」 is one question of both).
  return splitBy(question, regionStarts, /[？?；;。！!，,]+/gu, true) ?? splitBy(question, regionStarts, /[？?；;。！!]+/gu, false);
}

const asksSomething = /多少|几|哪|什么|啥|怎么|如何|是否|有没有|比例|比率|[^效]率/u;

function splitBy(question: string, regionStarts: readonly number[], separators: RegExp, eachAsks: boolean): ((start: number) => string) | null {
  const segments: { start: number; end: number }[] = [];
  let from = 0;
  for (const match of question.matchAll(separators)) {
    segments.push({ start: from, end: match.index + match[0].length });
    from = match.index + match[0].length;
  }
  if (from < question.length) segments.push({ start: from, end: question.length });
  const holding = (at: number) => segments.find((segment) => at >= segment.start && at < segment.end);
  const named = new Set(regionStarts.map((at) => holding(at)));
  if (named.size < 2) return null;
  if (eachAsks && [...named].some((segment) => !segment || !asksSomething.test(question.slice(segment.start, segment.end)))) return null;
  const shared = segments.filter((segment) => !named.has(segment)).map((segment) => question.slice(segment.start, segment.end)).join('');
  return (start) => {
    const own = holding(start);
    return own ? `${shared}${question.slice(own.start, own.end)}` : question;
  };
}

const acrossReports = /几份报告|各份报告|所有报告|各个?报告|各地|各个?地区|哪个地方|哪个地区|哪里.{0,6}最|哪个.{0,4}最(?:高|低|多|少)|比一下|对比一下|比较一下|横向比/u;

function regionLabel(document: DocumentRecord): string {
  return document.metadata.region ?? document.metadata.regionPath.at(-1) ?? document.source;
}

/** Documents about a region part: those whose most specific region it is, else those under it. */
function documentsOfRegion(part: string, documents: readonly DocumentRecord[]): DocumentRecord[] {
  const exact = documents.filter((document) => document.metadata.regionPath.at(-1) === part || document.metadata.region === part);
  return exact.length > 0 ? exact : documents.filter((document) => document.metadata.regionPath.includes(part));
}

function labelled(groups: { documents: DocumentRecord[]; fallback: string; question?: string; missingYears?: number[] }[]): ComparisonTarget[] {
  const counts = new Map<string, number>();
  for (const group of groups) for (const document of group.documents) counts.set(regionLabel(document), (counts.get(regionLabel(document)) ?? 0) + 1);
  return groups.map(({ documents, fallback, question, missingYears }) => {
    const asks = { ...(question ? { question } : {}), ...(missingYears ? { missingYears } : {}) };
    const first = documents[0];
    if (!first) return { label: fallback, docIds: [], ...asks };
    const label = regionLabel(first);
    // The year joins the label only when it is needed to tell two reports of one region apart.
    const needsYear = (counts.get(label) ?? 0) > 1 && documents.length === 1 && first.metadata.year !== null;
    return { label: needsYear ? `${label}（${first.metadata.year}年）` : label, docIds: documents.map((document) => document.id), ...asks };
  });
}

/** The rows of a comparison, or null when the question is about one report (or one region and year). */
export function planComparison(question: string, documents: readonly DocumentRecord[]): ComparisonTarget[] | null {
  const known = knownRegionParts(documents);
  const regions = findRegions(question, known);
  const years = findYears(question);
  const named = [...new Set(regions.map((mention) => mention.part))];
  // A region with no report of its own that encloses another named one (青海 around 西宁) is context, not a row.
  const exactly = (part: string) => documents.some((document) => document.metadata.regionPath.at(-1) === part || document.metadata.region === part);
  const parts = named.filter(
    (part) =>
      exactly(part) ||
      !named.some((other) => other !== part && documentsOfRegion(other, documents).every((document) => document.metadata.regionPath.includes(part))),
  );
  if (parts.length >= 2) {
    const split = rowQuestions(question, regions.map((mention) => mention.index));
    // A year written after each region (海东2020年和城东区2017年) narrows that region's row; years written only after
    // the last region, or before the first (西宁和海东2021年, 2021年西宁和海东), are asked of every region.
    const lastRegion = Math.max(...regions.map((mention) => mention.index));
    const firstRegion = Math.min(...regions.map((mention) => mention.index));
    const shared = years.every((year) => year.index > lastRegion || year.index < firstRegion);
    const groups = parts.map((part) => {
      const mention = regions.find((item) => item.part === part);
      const next = regions.find((item) => mention && item.index > mention.index && item.part !== part);
      const ownYears = shared
        ? years.map((year) => year.year)
        : years.filter((year) => mention && year.index > mention.index && (!next || year.index < next.index)).map((year) => year.year);
      const ofRegion = documentsOfRegion(part, documents);
      const found =
        ownYears.length > 0 ? ofRegion.filter((document) => document.metadata.year !== null && ownYears.includes(document.metadata.year)) : ofRegion;
      return {
        documents: found,
        fallback: mention?.text ?? part,
        ...(split && mention ? { question: split(mention.index) } : {}),
        ...(found.length === 0 && ofRegion.length > 0 ? { missingYears: [...new Set(ownYears)] } : {}),
      };
    });
    return labelled(groups);
  }
  const distinctYears = [...new Set(years.map((year) => year.year))];
  if (distinctYears.length >= 2) {
    const inRegion = parts.length === 1 ? documentsOfRegion(parts[0] ?? '', documents) : [...documents];
    const groups = distinctYears.map((year) => ({
      documents: inRegion.filter((document) => document.metadata.year === year),
      fallback: `${regions[0]?.text ?? ''}${year}年`,
    }));
    return labelled(groups);
  }
  if (parts.length === 0 && acrossReports.test(question) && documents.length >= 2) {
    return labelled(documents.map((document) => ({ documents: [document], fallback: document.source })));
  }
  return null;
}
