// Scores a piece of report text against an analysed question: key-term coverage plus what the kind of question wants.
import type { QuestionAnalysis } from './analyze-question.js';
import { figureUnits } from './analyze-question.js';
import { CHINESE_NUMERAL, chineseCount } from './extract-figures.js';
import { memoizeText } from './memoize-text.js';
import { normalizeText } from './normalize-text.js';
import type { TermWeight } from './term-weights.js';

const unitAlternation = [...figureUnits].sort((a, b) => b.length - a.length).map((unit) => unit.replace('%', '%')).join('|');
const chineseNumeral = CHINESE_NUMERAL;
// An ordinal (第73次, 第五个) is not a count: the lookbehind keeps 第 and the middle of a number out.
// 「3000余人次」 and 「30多场」 count 人次 and 场: 余 and 多 say the figure is rounded. 「3.6万人次」 and 「10.12万件」
// count 人次 and 件 (万 is part of the figure, but 万元 is a unit of its own); 「五个」 and 「三项」 count 个 and 项.
const figureWithUnit = new RegExp(
  `(?<![第\\d.]|${chineseNumeral})(\\d+(?:\\.\\d+)?(?:[万亿](?!元))?|${chineseNumeral}+)(?:余|多)?(${unitAlternation})`,
  'gu',
);
const enumerationMarker = /(?:^|[。；;：:，,])(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[、.．](?!\d))/u;

const partialCredit = 0.6;

export interface TextScore {
  /** Weighted share of the question's key terms found in the text, 0..1. */
  coverage: number;
  /** Key terms found. */
  covered: Set<string>;
  /** Adjustment for what the question kind wants (a figure in the asked unit, a name, a list). */
  bonus: number;
  /** Asked units that a figure in the text carries. */
  units: Set<string>;
}

/** Figures with their units in a normalised text (a year such as 2020年 is not a figure with a unit). */
export function unitFiguresIn(normalized: string): { figure: string; unit: string }[] {
  return unitFigureSpans(normalized).map(({ figure, unit }) => ({ figure, unit }));
}

/** unitFiguresIn with where each figure starts in the text (kept per text: every candidate excerpt is read for figures). */
export const unitFigureSpans: (normalized: string) => readonly UnitFigure[] = memoizeText((normalized) => {
  // 「1480人（次）」 is a count of 人次 (same length, so the places stay those of the text).
  const text = normalized.replace(/人[(（]次[)）]/gu, (found) => `人次${' '.repeat(found.length - 2)}`);
  return [...text.matchAll(figureWithUnit)].flatMap((match) => {
    const raw = match[1] ?? '';
    if (/^\d/u.test(raw)) return [{ figure: raw, unit: match[2] ?? '', index: match.index }];
    const value = chineseCount(raw);
    return value === null ? [] : [{ figure: String(value), unit: match[2] ?? '', index: match.index }];
  });
});

export interface UnitFigure {
  figure: string;
  unit: string;
  index: number;
}

/** Units carried by the figures of a normalised text. */
export const figureUnitsIn: (normalized: string) => readonly string[] = memoizeText((normalized) => unitFigureSpans(normalized).map((entry) => entry.unit));

/**
 * The report words that also cover a question term: the alternatives of the thesaurus concepts it belongs to. A
 * `whole` term is covered only by a concept it is part of (调解中心 is not covered by 调解's alternatives).
 */
export function alternativesFor(term: string, analysis: QuestionAnalysis, whole = false): string[] {
  let known = alternativesMemo.get(analysis);
  if (!known) alternativesMemo.set(analysis, (known = new Map()));
  const key = `${whole ? 1 : 0}${term}`;
  const cached = known.get(key);
  if (cached) return cached;
  const found = findAlternatives(term, analysis, whole);
  known.set(key, found);
  return found;
}

// Per question: the same terms are looked up for every candidate excerpt.
const alternativesMemo = new WeakMap<QuestionAnalysis, Map<string, string[]>>();

function findAlternatives(term: string, analysis: QuestionAnalysis, whole: boolean): string[] {
  const alternatives: string[] = [];
  for (const concept of analysis.concepts) {
    // A term part of a concept is covered by its alternatives; a term holding a concept only when that is most of it
    // (普法机器人 is not covered by 普法's alternatives).
    if (concept.labels.some((label) => label.includes(term) || (!whole && term.includes(label) && label.length * 2 >= term.length))) {
      for (const alternative of concept.alternatives) alternatives.push(normalizeText(alternative));
    }
  }
  return alternatives;
}

export function scoreText(text: string, analysis: QuestionAnalysis, weight: TermWeight): TextScore {
  const normalized = normalizeText(text);
  let total = 0;
  let hit = 0;
  const covered = new Set<string>();
  for (const term of analysis.terms) {
    const w = weight(term);
    total += w;
    if (normalized.includes(term) || alternativesFor(term, analysis).some((alternative) => normalized.includes(alternative))) {
      hit += w;
      covered.add(term);
    } else if (term.length >= 3) {
      // A long word may be written in parts (困难群众 → 困难…群众): partial credit by its character pairs.
      const pairs = Array.from({ length: term.length - 1 }, (_, i) => term.slice(i, i + 2));
      const share = pairs.filter((pair) => normalized.includes(pair)).length / pairs.length;
      hit += w * share * partialCredit;
    }
  }
  const coverage = total > 0 ? hit / total : 0;
  const units = new Set<string>();
  let bonus = 0;
  if (analysis.kind === 'number') {
    const found = figureUnitsIn(normalized);
    if (analysis.units.length > 0) {
      for (const unit of found) if (analysis.units.includes(unit)) units.add(unit);
      bonus += units.size > 0 ? 0.2 + Math.min(units.size - 1, 2) * 0.05 : -0.25;
    } else {
      const anyFigure = /\d/u.test(normalized.replace(/(?:19|20)\d{2}年/gu, ''));
      bonus += anyFigure ? 0.15 : -0.2;
    }
  } else if (analysis.kind === 'fact') {
    if (analysis.wantsOrdinal) {
      // 第几次 → 第73次; 第几版 → 3.0版 or 第三版.
      const unit = analysis.ordinalUnit ?? '次';
      const ordinal = new RegExp(`第[\\d一二三四五六七八九十]+${unit}|\\d+(?:\\.\\d+)?${unit}`, 'u');
      bonus += ordinal.test(normalized) ? 0.3 : -0.1;
    }
    if (analysis.wantsYear) bonus += /(?:19|20)\d{2}/u.test(normalized) ? 0.15 : -0.1;
    if (analysis.wantsName && /[《“"「]/u.test(normalized)) bonus += 0.08;
    if (analysis.wantsPerson && /由.{1,20}?(?:任|担任|兼任)|担任|兼任|负责人|领导/u.test(normalized)) bonus += 0.15;
  } else if (enumerationMarker.test(normalized) || (normalized.match(/、/gu)?.length ?? 0) >= 2) {
    bonus += 0.1;
  }
  return { coverage, covered, bonus, units };
}
