// Reads a report's metadata (title, region, level, year, issuer, document number, date, signer) from its text; null when not stated.
import { classifyLines, type ReportLayout } from './classify-lines.js';
import { findIssuer } from './find-issuer.js';
import { findPublishedDate } from './find-published-date.js';
import { findRegions, type RegionMention } from './find-regions.js';
import { findReportYear } from './find-report-year.js';
import { foldTraditional } from './fold-traditional.js';
import type { RegionKind } from './region-gazetteer.js';
import { resolveRegion } from './resolve-region.js';
import type { AdministrativeLevel, ReportMetadata } from './types.js';

const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*第?\s*\d{1,5}\s*号/;
const SIGNER = /签发人[ \t\u3000]*[:：][ \t\u3000]*([\u4e00-\u9fff·]{2,6}(?:[ \t\u3000、，,]+[\u4e00-\u9fff·]{2,6})*)/;
const DEPARTMENT = /(?:(?<![格布大结开当全])局|厅|委员会|委|办公室|办公厅|管委会|署|院|中心|部|站|所|队|处|会)$/;
const SELF_REFERENCE = /我(区|县|旗|市|州|盟|省)/g;
const HEADER_LINES = 30;
const BODY_SCAN = 3000;
const OPENING = 600;

export function extractMetadata(original: string): ReportMetadata {
  return metadataFromLayout(classifyLines(original));
}

export function metadataFromLayout(layout: ReportLayout): ReportMetadata {
  const { lines, title } = layout;
  const content = lines.filter((line) => line.kind !== 'blank' && line.kind !== 'chrome');
  const firstLongBody = content.findIndex((line) => line.kind === 'heading' || (line.kind === 'text' && line.clean.length > 60 && /[。；]/.test(line.clean)));
  // A short report has no long paragraph: its body starts at the first sentence after the title.
  const firstBody = firstLongBody >= 0 ? firstLongBody : content.findIndex((line) => line.kind === 'text' && /[。；！]/.test(line.clean));
  const header = (firstBody < 0 ? content : content.slice(0, firstBody)).slice(0, HEADER_LINES);
  // The cover letter's signature sits after its short body, before the report's own title.
  const lastTitleLine = layout.titleLines.at(-1);
  const beforeTitle = lastTitleLine === undefined ? [] : content.filter((line) => line.start < (lines[lastTitleLine]?.start ?? 0) && line.clean.length <= 40);
  const headerText = [...header, ...beforeTitle].map((line) => line.clean).join('\n');

  // A web page may give the number only in its metadata table (文号：…).
  const numberFields = lines.slice(0, HEADER_LINES * 2).filter((line) => line.kind === 'chrome' && /文号[:：]/.test(line.clean)).map((line) => line.clean);
  const docNumber = DOC_NUMBER.exec(headerText)?.[0].trim() ?? DOC_NUMBER.exec(numberFields.join('\n'))?.[0].replace(/^.*?文号[:：]/, '').trim() ?? null;
  const signer = SIGNER.exec(headerText)?.[1]?.trim() ?? null;
  const issuer = findIssuer(title, content);
  const bodyLines = firstBody < 0 ? [] : content.slice(firstBody).filter((line) => line.kind === 'text' || line.kind === 'heading');
  const opening = joinUpTo(bodyLines.filter((line) => line.kind === 'text').map((line) => line.clean), OPENING);
  const bodyText = foldTraditional(joinUpTo(bodyLines.map((line) => line.clean), BODY_SCAN));
  const speaksOf = selfKind(bodyText);

  const headingText = foldTraditional([title ?? '', layout.coverTitle ?? '', issuer ?? ''].join('\n'));
  const heading = findRegions(headingText, true);
  const front = findRegions(foldTraditional(headerText), true);
  // The body is scanned only when the title and header do not settle the region on their own.
  let found = resolveRegion({ heading, front, body: [], selfKind: speaksOf });
  if (!found || (found.kind !== 'province' && found.regionPath.length === 1)) {
    found = resolveRegion({ heading, front, body: findRegions(bodyText, false), selfKind: speaksOf }) ?? found;
  }

  return {
    title,
    region: found?.region ?? null,
    regionPath: found?.regionPath ?? [],
    level: levelOf(title, issuer, found?.kind ?? speaksOf),
    year: findReportYear({ title, coverTitle: layout.coverTitle, opening, docNumber }),
    issuer,
    docNumber,
    publishedAt: findPublishedDate(lines),
    signer,
  };
}

function joinUpTo(parts: string[], limit: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (length >= limit) break;
    kept.push(part);
    length += part.length + 1;
  }
  return kept.join('\n');
}

/** 我区 → county, 我市/我州 → city, 我省 → province: the body speaking of itself. */
function selfKind(text: string): RegionKind | null {
  const counts: Record<RegionKind, number> = { province: 0, city: 0, county: 0 };
  for (const match of text.matchAll(SELF_REFERENCE)) {
    const unit = match[1] ?? '';
    counts[unit === '省' ? 'province' : unit === '市' || unit === '州' || unit === '盟' ? 'city' : 'county'] += 1;
  }
  const best = (Object.entries(counts) as Array<[RegionKind, number]>).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : null;
}

function levelOf(title: string | null, issuer: string | null, kind: RegionKind | null): AdministrativeLevel | null {
  const folded = title ? foldTraditional(title) : '';
  // The body that reports: the title's author (before 关于 or before the year), else the issuer of a titled report.
  const subject = /^(.{2,40}?)\s*关于/.exec(folded)?.[1] ?? /^(.{2,40}?)\s*(?:19|20)\d{2}\s*年/.exec(folded)?.[1] ?? (title ? issuer : null);
  // A government's general office (政府办公室) reports for the government itself, not as a department.
  if (subject && DEPARTMENT.test(subject) && !/(?:政府(?:办公室|办公厅)?|行政公署)$/.test(subject)) return 'department';
  if (kind === 'province') return 'province';
  if (kind === 'city') return 'city';
  if (kind === 'county') return 'county';
  // A place the gazetteer does not know (某县) still says its level by its suffix.
  const unit = subject ? /(自治区|省|市|州|盟|地区|县|区|旗)(?:人民政府|政府|行政公署)?$/.exec(subject)?.[1] : undefined;
  if (unit === '自治区' || unit === '省') return 'province';
  if (unit === '市' || unit === '州' || unit === '盟' || unit === '地区') return 'city';
  if (unit === '县' || unit === '区' || unit === '旗') return 'county';
  return null;
}
