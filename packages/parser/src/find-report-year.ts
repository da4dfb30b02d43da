// Finds the year a report is about: its title, then its opening sentence, then the year before its document number's.
import { foldTraditional } from './fold-traditional.js';

const TITLE_YEAR = /((?:19|20)\d{2}|二[〇零○O]\s*[〇零○O一二三四五六七八九]{2})\s*年/;
const CHINESE_DIGITS = '〇一二三四五六七八九';
const OPENING_YEAR = /^((?:19|20)\d{2})\s*年(?:度)?(?:以来)?\s*[，,、]/;
const REPORT_PHRASE = /((?:19|20)\d{2})\s*年度?[^。；]{0,40}?(?:情况|工作)[^。；]{0,10}?(?:报告|汇报)如下/;
const YEAR_OF_WORK = /((?:19|20)\d{2})\s*年度?(?:法治政府建设|依法行政)/;

export interface YearEvidence {
  title: string | null;
  coverTitle: string | null;
  /** The first paragraphs of the body, cleaned. */
  opening: string;
  docNumber: string | null;
}

export function findReportYear(evidence: YearEvidence): number | null {
  for (const title of [evidence.title, evidence.coverTitle]) {
    const match = title ? TITLE_YEAR.exec(foldTraditional(title)) : null;
    if (match?.[1]) return yearNumber(match[1]);
  }
  const opening = foldTraditional(evidence.opening);
  for (const pattern of [OPENING_YEAR, REPORT_PHRASE, YEAR_OF_WORK]) {
    const match = pattern.exec(opening);
    if (match) return Number(match[1]);
  }
  // An annual report is numbered in the year after the one it covers: 东政〔2021〕1号 reports on 2020.
  const numbered = evidence.docNumber ? /(?:19|20)\d{2}/.exec(evidence.docNumber) : null;
  return numbered ? Number(numbered[0]) - 1 : null;
}

/** 2021 or 二〇二一 → 2021. */
function yearNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digits = Array.from(text.replace(/\s/g, ''), (char) => (/[零○O]/.test(char) ? 0 : CHINESE_DIGITS.indexOf(char)));
  return Number(digits.join(''));
}
