// Decides whether the best excerpt answers the question: on topic by words or by meaning, and holding what the
// question asks for (a figure of the asked kind and stage, not one the question itself states, not a plan).
import { splitClauses, splitReportSentences } from '@report-qa/parser';
import type { QuestionAnalysis } from './analyze-question.js';
import { extractFigures } from './extract-figures.js';
import { normalizeText } from './normalize-text.js';
import { alternativesFor, unitFigureSpans, unitFiguresIn } from './score-text.js';
import type { Evidence } from './select-evidence.js';
import type { TermWeight } from './term-weights.js';

export type Verdict =
  | { kind: 'answers' }
  /** On topic, but without what was asked: 「报告未提及…；相关情况：…」, never as if it were the answer. */
  | { kind: 'related'; missing: string }
  | { kind: 'none' };

export interface JudgeOptions {
  /** Key-term coverage that makes an excerpt on topic by words alone (default 0.3). */
  minCoverage: number;
}

/** Similarity at which an excerpt is on topic by meaning, given some shared wording. */
const topicalSimilarity = 0.6;
const closeSimilarity = 0.65;
const minSharedWording = 0.15;
/** Share of the counted phrase's character pairs an answering excerpt must name. */
const countedShare = 0.5;
const moneyOrShare = new Set(['元', '万元', '亿元', '万', '亿', '%', '％']);

const normalizedReports = new WeakMap<object, string>();

function normalizedReport(evidence: Evidence): string {
  let text = normalizedReports.get(evidence.document);
  if (text === undefined) {
    text = normalizeText(evidence.document.original);
    normalizedReports.set(evidence.document, text);
  }
  return text;
}

/** The question's most distinctive term (highest weight) among those the corpus uses. */
export function anchorTerm(analysis: QuestionAnalysis, weight: TermWeight): string | undefined {
  return analysis.terms.filter((term) => weight.seen(term)).sort((a, b) => weight(b) - weight(a))[0];
}

function covers(normalized: string, term: string, analysis: QuestionAnalysis): boolean {
  return normalized.includes(term) || alternativesFor(term, analysis).some((alternative) => normalized.includes(alternative));
}

/** Figures of the excerpt in the asked units (any figure when no unit is asked), minus those the question states. */
function answerFigures(normalized: string, analysis: QuestionAnalysis): string[] {
  const given = new Set(analysis.givenFigures.map((figure) => normalizeText(figure)));
  const withUnits = unitFiguresIn(normalized).filter((entry) => !given.has(`${entry.figure}${entry.unit}`));
  if (analysis.units.length > 0) return withUnits.filter((entry) => analysis.units.includes(entry.unit)).map((entry) => entry.figure);
  if (withUnits.length > 0) return withUnits.map((entry) => entry.figure);
  // No unit asked and none found: a figure that is not a year, a date or an ordinal still counts (三级, 3.0版).
  const bare = normalized.replace(/(?:19|20)\d{2}(?:年|-|—|－)|[〇零一二三四五六七八九]{4}年|\d{1,2}月\d{1,2}日|第[\d一二三四五六七八九十]+/gu, '');
  return extractFigures(bare).filter((figure) => !given.has(figure));
}

/**
 * The question's thing (its most distinctive term), when the excerpt counts it only together with other things listed
 * before the figure (「承办领导交办事项、网络留言、群众来信来访437件」 for 「网络留言有多少件」): the report then gives no
 * figure for that thing alone. Items with figures of their own (「复议53件、诉讼20件」) are separate counts, a list
 * closed by 等 gives examples of a category, and a clause that names the thing alone with a figure answers it.
 */
export function countedTogether(normalized: string, analysis: QuestionAnalysis, anchor: string | undefined): string | null {
  if (!anchor || !normalized.includes('、')) return null;
  const figures = unitFigureSpans(normalized).filter((entry) => analysis.units.length === 0 || analysis.units.includes(entry.unit));
  const clauses = splitReportSentences(normalized).flatMap((sentence) => splitClauses(normalized, sentence));
  let together: string | null = null;
  for (const figure of figures) {
    const holding = clauses.find((candidate) => candidate.start <= figure.index && figure.index < candidate.end);
    const clause = normalized.slice(holding?.start ?? figure.index, figure.index);
    if (!covers(clause, anchor, analysis)) continue;
    const items = clause.split('、');
    const others = items.filter((item) => !covers(item, anchor, analysis));
    if (items.length < 2 || others.length === 0 || items.some((item) => /\d/u.test(item))) return null;
    // 「分级、分类、分领域建立…名录库88个」, 「专业性、行业性调委会84个」: short items and attributes (…性) are a series of
    // modifiers of the thing counted, not other things counted with it.
    if (others.some((item) => item.trim().length <= 2 || /性$/u.test(item.trim()))) return null;
    // 「哄抬价格、无照经营等违法案件9起」: the list gives examples of the category the figure counts.
    if (items[items.length - 1]!.includes('等')) return null;
    // The question names the other things too: it asks for the total.
    if (others.every((item) => analysis.terms.some((term) => covers(item, term, analysis)))) return null;
    // Named as the report lists it (网络留言), unless the item carries the clause's opening words too.
    const item = items.find((candidate) => covers(candidate, anchor, analysis))!;
    together ??= item.length <= 8 ? item : anchor;
  }
  return together;
}

// Generic heads of a counted phrase (违法用地案件 is 违法用地 + 案件): the reports may name the thing without them.
const genericHead = /(?:案件|事项|人员|人次|数量|情况|工作|活动|问题)$/u;

/** Whether the reports name the counted thing: the whole phrase, or the phrase without a generic head. */
function namesReportThing(phrase: string, weight: TermWeight): boolean {
  const whole = normalizeText(phrase);
  if (weight.seen(whole)) return true;
  const core = whole.replace(genericHead, '');
  return core.length >= 2 && core !== whole && weight.seen(core);
}

/** How much of a phrase a text names: 1 through a thesaurus alternative, else the share of its character pairs. */
function namedShare(normalized: string, phrase: string, analysis: QuestionAnalysis): number {
  const wanted = normalizeText(phrase);
  if (normalized.includes(wanted) || alternativesFor(wanted, analysis, true).some((alternative) => normalized.includes(alternative))) return 1;
  const pairs = Array.from({ length: wanted.length - 1 }, (_, index) => wanted.slice(index, index + 2));
  return pairs.filter((pair) => normalized.includes(pair)).length / Math.max(pairs.length, 1);
}

const dayPattern = /\d{1,2}月\d{1,2}[日号]|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/u;

export function judgeEvidence(evidence: Evidence | undefined, analysis: QuestionAnalysis, weight: TermWeight, options: JudgeOptions): Verdict {
  if (!evidence || analysis.terms.length === 0) return { kind: 'none' };
  const text = normalizeText(evidence.display);
  const anchor = anchorTerm(analysis, weight);
  const hasAnchor = anchor === undefined || covers(text, anchor, analysis);
  const byWords = evidence.coverage >= options.minCoverage;
  // By meaning: close in meaning with some shared wording, or very close with a little.
  const similarity = evidence.similarity ?? 0;
  const byMeaning =
    (similarity >= topicalSimilarity && evidence.coverage >= minSharedWording) || (similarity >= closeSimilarity && evidence.coverage > 0);
  // A figure in the counted unit asked for (辆, 件, 名…) is evidence of its own, so less wording must match.
  const countUnit = [...evidence.units].some((unit) => !moneyOrShare.has(unit));
  const relaxed = countUnit && hasAnchor && evidence.coverage >= options.minCoverage * 0.5;
  if (!byWords && !byMeaning && !relaxed) return { kind: 'none' };
  // A report that never names the specific thing the question asks about (机器人, 三项制度, which another report
  // names) does not answer it, however close in meaning, unless the excerpt covers most of the question's words.
  const named = analysis.namedThings.filter((thing) => weight.seen(thing)).sort((a, b) => weight(b) - weight(a))[0];
  if (named !== undefined && evidence.coverage < 0.5 && !covers(normalizedReport(evidence), named, analysis)) {
    return { kind: 'none' };
  }
  const focus = anchor ?? analysis.terms[0] ?? '';
  if (evidence.plan && analysis.asksResult) return { kind: 'related', missing: `${focus}的实际结果（报告仅在工作计划中提及）` };
  // 「哪天起施行」 asks for a day: a year alone (「2021年完成…立法任务」) does not give it.
  if (analysis.wantsDay && !dayPattern.test(text)) return { kind: 'related', missing: `${focus}的具体日期` };
  if (analysis.kind === 'number') {
    if (answerFigures(text, analysis).length === 0) return { kind: 'related', missing: `${focus}的具体数字` };
    const together = countedTogether(text, analysis, anchor);
    if (together) return { kind: 'related', missing: `${together}单独的数字（报告只给出与其他事项合计的数字）` };
    // The counted thing must be there: 「调解中心有多少个」 is not answered by 「人民调解组织1862个」.
    // Only a thing the reports name (调解中心, 法律援助案件) is held to this: 「案子」 or 「东西」 are everyday words.
    if (analysis.counted && namesReportThing(analysis.counted, weight) && namedShare(text, analysis.counted, analysis) < countedShare) {
      return { kind: 'related', missing: `${analysis.counted}的数字` };
    }
    // 「收到申请93件」 does not answer 「办结了多少件」: another stage is named and the asked one is not.
    // A plain count (「发生行政诉讼案件135件」) counts what came in; an outcome (败诉, 纠错, 废止) must be named.
    for (const stage of analysis.stages) {
      const named = stage.asked.some((word) => text.includes(word));
      if (!named && (!stage.first || stage.others.some((word) => text.includes(word)))) {
        const what = focus.includes(stage.asked[0] ?? '') ? focus : `${focus}${stage.asked[0] ?? ''}`;
        return { kind: 'related', missing: `${what}的数字` };
      }
    }
  }
  return { kind: 'answers' };
}
