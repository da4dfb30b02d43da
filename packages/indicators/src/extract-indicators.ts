// Reads each indicator's value for the reported year from a report, with the sentence it comes from, or null.
import { splitSentences } from '@report-qa/parser';
import { defaultIndicatorDefinitions, type IndicatorDefinition } from './indicator-definitions.js';
import { findFigures, type Figure } from './find-figures.js';
import { compileTerms, findTerm, normalizeContext, readContexts, type CompiledTerm, type FigureContext } from './read-context.js';

export interface IndicatorValue {
  value: number;
  /** The unit as the report writes it (名, 个, %…). */
  unit: string;
  /** The figure as written, e.g. 236 名 or 6000余条 (parts joined with 、 when the report gives a total in parts). */
  text: string;
  /** original.slice(start, end): the sentence the figure comes from. */
  quote: string;
  start: number;
  end: number;
  /** 0–1: lower when the term was inherited from an earlier clause, the figure is approximate or a sum of parts. */
  confidence: number;
}

export type IndicatorValues = Record<string, IndicatorValue | null>;

/** What extraction needs of a parsed report (a `ParsedReport` fits). */
export interface ReportForIndicators {
  original: string;
  metadata: { year: number | null };
  chunks: ReadonlyArray<{ start: number; end: number; sectionPath: string }>;
}

/** A definition with its words normalised once. */
interface CompiledDefinition {
  definition: IndicatorDefinition;
  synonyms: CompiledTerm[];
  actions: CompiledTerm[];
  actionWords: string[];
  units: Set<string>;
  exclude: string[];
  otherActors: string[];
}

const compiled = new WeakMap<IndicatorDefinition, CompiledDefinition>();
function compile(definition: IndicatorDefinition): CompiledDefinition {
  let entry = compiled.get(definition);
  if (!entry) {
    entry = {
      definition,
      synonyms: compileTerms(definition.synonyms),
      actions: compileTerms(definition.actions),
      actionWords: definition.actions.map(normalizeContext),
      units: new Set(definition.units.map(normalizeContext)),
      exclude: definition.exclude.map(normalizeContext),
      otherActors: definition.otherActors.map(normalizeContext),
    };
    compiled.set(definition, entry);
  }
  return entry;
}

interface Candidate {
  figure: Figure;
  sentence: { start: number; end: number };
  clause: number;
  synonym: number;
  action: number;
  inherited: boolean;
  part: boolean;
  texts: string[];
  value: number;
}

const MAX_FIGURES_PER_SENTENCE = 200;
// Top-level sections about problems and plans hold no results.
const PLAN_SECTION = /下一步|计划|打算|思路|今后|努力方向|展望|工作重点|存在.{0,4}问题|问题.{0,3}不足|不足|短板/u;
const RESULT_SECTION = /完成情况|开展情况|成效|成绩|主要做法/u;
// Before the figure in its sentence: a running total, or something to be done.
const CUMULATIVE = /截至|截止|累计|历年|(?<!今年|年初|本年|年内)以来|近\d+年|\d+年来/u;
const CUMULATIVE_STOCK = /累计|历年|(?<!今年|年初|本年|年内)以来|近\d+年|\d+年来/u;
// A paragraph that opens the plans: everything after it in its top-level section is plans too.
const PLAN_OPENING = /^(?:[一二三四五六七八九十]+、)?(?:下一步|今后一个时期|今后|明年|新的一年)/u;
const PLAN = /下一步|力争|预计|争取|计划(?:于|在|到|年内|完成)|拟(?:于|在|将|完成)|目标(?:是|为)|将(?:力争|继续|进一步|着力|加快)|明年/u;
// A change, not a level: 同比增长287%, 较上年减少5件.
const COMPARISON = /同比|环比|较上年|比上年|较去年|比去年|与上年|与去年|上年同期|去年同期/u;
const CHANGE_BEFORE = /(?:增长|增加|减少|下降|上升|提高|降低|提升|增幅|降幅)了?$/u;
// Words that may stand between a rate's name and its figure.
const RATE_LINK = /^(?:达到|达|为|是|均为|均达|保持|实现|提高到|提高至|提升到|提升至|至|到|了|约|:)*$/u;
// 出庭应诉率由上年的60%提高到85%: the new level, after the old one.
const RATE_CHANGED_TO = /^(?:由|从)[^,;:]*?(?:提高|提升|上升|增长|增加|下降|降低)(?:到|至)$/u;
// Words that carry no topic: a clause made only of these and an action (办结33件) continues the previous clause's topic.
const FILLER = /共计|共|已经|已|全部|依法|其中|分别|先后|全年|年内|当年|各类|累计|另/gu;
const YEAR = /((?:19|20)\d{2})年/gu;

/**
 * Values of the indicators for the year the report covers. Precision over coverage: a figure counts only when its
 * own clause names the indicator (or continues a clause that does), in an accepted unit, outside plan and problem
 * sections, not as a running total, a plan, a change, a figure of another year or of another actor.
 */
export function extractIndicators(report: ReportForIndicators, definitions: readonly IndicatorDefinition[] = defaultIndicatorDefinitions()): IndicatorValues {
  const best = new Map<string, Candidate>();
  const rules = definitions.map(compile);
  const seen = new Set<number>();
  // Top-level sections whose plans began in a paragraph rather than a heading (下一步，我们将…).
  const plansBegan = new Set<string>();
  for (const chunk of report.chunks) {
    const topSection = chunk.sectionPath.split(' > ')[0] ?? '';
    if (PLAN_SECTION.test(topSection) && !RESULT_SECTION.test(topSection)) continue;
    for (const span of splitSentences(report.original, chunk.start, chunk.end)) {
      if (seen.has(span.start)) continue;
      seen.add(span.start);
      const sentence = report.original.slice(span.start, span.end);
      if (PLAN_OPENING.test(normalizeContext(sentence.slice(0, 12)))) plansBegan.add(topSection);
      if (plansBegan.has(topSection)) continue;
      const figures = findFigures(sentence);
      // No figures, or a flattened table rather than a sentence: nothing a rule over clauses can read.
      if (figures.length === 0 || figures.length > MAX_FIGURES_PER_SENTENCE) continue;
      const contexts = readContexts(sentence, figures);
      for (const rule of rules) {
        for (const candidate of sumParts(candidatesIn(rule, figures, contexts, span, report.metadata.year))) {
          const current = best.get(rule.definition.key);
          if (!current || rank(candidate) < rank(current)) best.set(rule.definition.key, candidate);
        }
      }
    }
  }
  const values: IndicatorValues = {};
  for (const definition of definitions) {
    const candidate = best.get(definition.key);
    values[definition.key] = candidate ? toValue(report.original, candidate) : null;
  }
  return values;
}

function candidatesIn(
  rule: CompiledDefinition,
  figures: readonly Figure[],
  contexts: readonly FigureContext[],
  sentence: { start: number; end: number },
  year: number | null,
): Candidate[] {
  const candidates: Candidate[] = [];
  let lastTopic: { synonym: number; clause: number } | null = null;
  const { definition, actions } = rule;
  figures.forEach((figure, index) => {
    const context = contexts[index];
    if (!context) return;
    const topic = readTopic(rule, context);
    let synonym = topic;
    let inherited = false;
    if (synonym < 0 && definition.kind === 'count' && lastTopic && lastTopic.clause < context.clause && isElliptical(context.left, rule.actionWords)) {
      synonym = lastTopic.synonym;
      inherited = true;
    }
    if (topic >= 0) lastTopic = { synonym: topic, clause: context.clause };
    if (synonym < 0 || !unitFits(rule, figure) || context.before.endsWith('第')) return;
    const action = actions.length === 0 ? 0 : findTerm(context.clauseLeft + context.right, actions).index;
    if (action < 0) return;
    const local = context.clauseLeft + context.right;
    if (rule.exclude.some((word) => local.includes(word))) return;
    if (rule.otherActors.some((word) => context.before.includes(word))) return;
    if (!isThisYearsResult(context, year, definition.pointInTime)) return;
    // A part (其中…) is read only as the breakdown of a total stated before it; 其中 opening the sentence points back
    // to a total elsewhere, and its parts alone are not the indicator.
    const part = context.before.includes('其中');
    if (part && !/\d/u.test(context.before.slice(0, context.before.indexOf('其中')))) return;
    candidates.push({
      figure,
      sentence,
      clause: context.clause,
      synonym,
      action,
      inherited,
      part,
      texts: [figure.text],
      value: figure.value,
    });
  });
  return candidates;
}

/** Index of the synonym naming this figure, or -1. A rate's name must directly precede it (出庭应诉率达 84.6%). */
function readTopic(rule: CompiledDefinition, context: FigureContext): number {
  if (rule.definition.kind === 'rate') {
    const found = findTerm(context.left, rule.synonyms);
    if (found.index >= 0 && RATE_LINK.test(context.left.slice(found.end))) return found.index;
    const inClause = findTerm(context.clauseLeft, rule.synonyms);
    return inClause.index >= 0 && RATE_CHANGED_TO.test(context.clauseLeft.slice(inClause.end)) ? inClause.index : -1;
  }
  if (context.right) {
    const following = findTerm(context.right, rule.synonyms).index;
    if (following >= 0) return following;
  }
  return findTerm(context.left, rule.synonyms).index;
}

function isElliptical(left: string, actions: readonly string[]): boolean {
  let rest = left.replace(FILLER, '');
  for (const action of actions) rest = rest.split(action).join('');
  return rest.length === 0 && left.length > 0;
}

function unitFits(rule: CompiledDefinition, figure: Figure): boolean {
  // A rate above 100% is a growth figure (应诉率同比增长287%), never the rate itself.
  if (rule.definition.kind === 'rate') return figure.unit === '%' && figure.value <= 100;
  return figure.unit !== '%' && rule.units.has(normalizeContext(figure.unit));
}

function isThisYearsResult(context: FigureContext, year: number | null, pointInTime: boolean): boolean {
  // A stock (officers holding certificates) is stated 截至年底; a running total of cases is not the year's figure.
  const cumulative = pointInTime ? CUMULATIVE_STOCK : CUMULATIVE;
  if (cumulative.test(context.before) || PLAN.test(context.before)) return false;
  if (COMPARISON.test(context.clauseLeft) || CHANGE_BEFORE.test(context.left)) return false;
  if (year !== null) {
    // Years inside a title (《…2021—2025年…》) do not date the figure.
    const dated = context.before.replace(/《[^》]*》/gu, '');
    for (const match of dated.matchAll(YEAR)) if (Number(match[1]) !== year) return false;
  }
  return true;
}

/**
 * A total given in parallel parts (以区政府为被告…6件，以区政府各部门为被告…20件) is their sum: same term, same
 * action, each in its own clause with its own term, none after 其中.
 */
function sumParts(candidates: Candidate[]): Candidate[] {
  const result: Candidate[] = [];
  for (const candidate of candidates) {
    const previous = result.at(-1);
    const parallel =
      previous &&
      !previous.inherited &&
      !candidate.inherited &&
      !previous.part &&
      !candidate.part &&
      !previous.figure.approximate &&
      !candidate.figure.approximate &&
      previous.synonym === candidate.synonym &&
      previous.action === candidate.action &&
      previous.clause < candidate.clause &&
      previous.figure.unit === candidate.figure.unit;
    if (parallel && previous) {
      result[result.length - 1] = { ...previous, value: previous.value + candidate.value, texts: [...previous.texts, ...candidate.texts] };
    } else {
      result.push(candidate);
    }
  }
  return result;
}

/** Lower is better: a whole before a part, the most specific term and action first, a stated term before an inherited one. */
function rank(candidate: Candidate): number {
  return (candidate.part ? 1e9 : 0) + candidate.synonym * 1e6 + candidate.action * 1e4 + (candidate.inherited ? 1e3 : 0) + Math.min(candidate.sentence.start / 1e6, 0.999);
}

function toValue(original: string, candidate: Candidate): IndicatorValue {
  let confidence = 0.9;
  if (candidate.inherited) confidence -= 0.15;
  if (candidate.part) confidence -= 0.2;
  if (candidate.figure.approximate) confidence -= 0.1;
  if (candidate.texts.length > 1) confidence -= 0.2;
  return {
    value: Math.round(candidate.value * 1e6) / 1e6,
    unit: candidate.figure.unit,
    text: candidate.texts.join('、'),
    quote: original.slice(candidate.sentence.start, candidate.sentence.end),
    start: candidate.sentence.start,
    end: candidate.sentence.end,
    confidence: Math.round(confidence * 100) / 100,
  };
}
