// Chooses the sentences (or clause windows) of retrieved passages that answer a question, with exact original offsets.
import type { DocumentWithText, SearchResult } from '@report-qa/retrieval';
import type { QuestionAnalysis } from './analyze-question.js';
import { displayText } from './display-text.js';
import { normalizeText } from './normalize-text.js';
import { isInstructionToReader } from './imperative-text.js';
import { anchorTerm, countedTogether } from './judge-evidence.js';
import { scoreText } from './score-text.js';
import type { TextSpan } from '@report-qa/parser';
import { isChromeLine, splitClauses, splitReportSentences as splitSentences } from '@report-qa/parser';
import type { TermWeight } from './term-weights.js';
import type { SentenceSimilarity } from './sentence-similarity.js';

export interface Evidence {
  passage: SearchResult;
  /** Cosine similarity of the excerpt's sentence with the question (null without vectors). */
  similarity: number | null;
  /** The excerpt comes from a plan (下一步…) section or states an intention, not a result. */
  plan: boolean;
  document: DocumentWithText;
  /** The exact excerpt to cite: original.slice(span.start, span.end). */
  span: TextSpan;
  /** What to show in the answer: a cleaned (possibly condensed) version of the excerpt. */
  display: string;
  coverage: number;
  score: number;
  units: Set<string>;
  covered: Set<string>;
}

export interface SelectOptions {
  /** At most this many excerpts (default 3). */
  maxPicks?: number;
  /** A later excerpt must add at least this share of the key terms, or a missing unit (default 0.15). */
  minGain?: number;
  /** Sentence similarity with the question, by meaning; without it excerpts are ranked by words alone. */
  similarity?: SentenceSimilarity;
}

/** How much a sentence's similarity above (below) the neutral point adds to (takes from) its score. */
const similarityWeight = 2;
const neutralSimilarity = 0.55;
// Sections and sentences about what is still to be done: 「三、下一步工作打算」, 「将进一步…」.
const planSection = /下一步|工作计划|工作打算|工作思路|工作重点|工作安排|努力方向|明年|今后|展望/u;
const planSentence = /^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）)?(?:(?:将|要)(?:进一步|继续|持续|加快|全面|着力|大力|深入|不断|切实|努力)|拟|计划|力争|争取|下一步)/u;

const titleLine = /^[^。；，,]{0,40}(?:法治政府建设|依法行政)[^。；，,]{0,20}(?:报告|汇报)$/u;

/** Whether a sentence is the report's title (or a title-like line: 「…法治政府建设情况报告」). */
export function isTitleLine(document: DocumentWithText, text: string): boolean {
  const line = normalizeText(displayText(text));
  return (document.metadata.title !== null && line === normalizeText(document.metadata.title)) || titleLine.test(line);
}

/** Whether a sentence holds a line of a web page's navigation or footer, which the parser leaves out of passages. */
function isPageChrome(text: string): boolean {
  return text.split('\n').some((line) => isChromeLine(line.trim()));
}

/** Whether an excerpt states a plan rather than a result. */
export function isPlan(passage: SearchResult, text: string): boolean {
  return planSection.test(passage.sectionPath) || planSentence.test(displayText(text));
}

const longWindow = 110;
/** Sentences whose clause windows are scored too (the rest are scored whole). */
const windowedSentences = 8;
const shortSentence = 150;
const maxWindowClauses = 4;
const listBudget = 380;
/** An item of the same enumeration this close to the question in meaning belongs to a list answer. */
const siblingSimilarity = 0.6;
const itemDisplayLength = 90;

type DocumentSource = (docId: string) => DocumentWithText | null;

// Sentences are cut once per document, so sentence boundaries agree across passages of the same report.
const sentenceCache = new WeakMap<DocumentWithText, TextSpan[]>();
function documentSentences(document: DocumentWithText): TextSpan[] {
  let sentences = sentenceCache.get(document);
  if (!sentences) {
    sentences = splitSentences(document.original);
    sentenceCache.set(document, sentences);
  }
  return sentences;
}

/** Sentences of the document that lie (mostly) inside the passage. */
export function passageSentences(document: DocumentWithText, passage: { start: number; end: number }): TextSpan[] {
  return documentSentences(document).filter((sentence) => {
    const overlap = Math.min(sentence.end, passage.end) - Math.max(sentence.start, passage.start);
    return overlap > 0 && overlap * 2 >= sentence.end - sentence.start;
  });
}

function span(original: string, start: number, end: number): TextSpan {
  return { start, end, text: original.slice(start, end) };
}

function trimDisplay(text: string): string {
  return displayText(text).replace(/[，,、：:；;]+$/u, '');
}

/** Shortens a display text to whole clauses within a length (the first clause is always kept). */
function clip(original: string, sentence: TextSpan, length: number): string {
  const clauses = splitClauses(original, sentence);
  let end = clauses[0]?.end ?? sentence.end;
  for (const clause of clauses.slice(1)) {
    if (displayText(original.slice(sentence.start, clause.end)).length > length) {
      // A long enumeration (「开展…行动、…检查、…专项行动」) is cut between its items, not dropped whole.
      let item = -1;
      for (let at = original.indexOf('、', clause.start); at >= 0 && at < clause.end; at = original.indexOf('、', at + 1)) {
        if (displayText(original.slice(sentence.start, at)).length > length) break;
        item = at;
      }
      if (item > 0) return `${trimDisplay(original.slice(sentence.start, item))}等`;
      break;
    }
    end = clause.end;
  }
  return trimDisplay(original.slice(sentence.start, end));
}

// A document's sentences are cut once (above), so their windows can be kept with them: the same strings then come back
// to the text memos, which find them by a hash already computed.
const windowCache = new WeakMap<TextSpan, readonly TextSpan[]>();

/** Candidate windows of one sentence: runs of up to four clauses, and the whole sentence. */
function windows(original: string, sentence: TextSpan): readonly TextSpan[] {
  let known = windowCache.get(sentence);
  if (!known) windowCache.set(sentence, (known = clauseWindows(original, sentence)));
  return known;
}

function clauseWindows(original: string, sentence: TextSpan): TextSpan[] {
  const clauses = splitClauses(original, sentence);
  const result: TextSpan[] = [sentence];
  for (let i = 0; i < clauses.length; i += 1) {
    for (let j = i; j < Math.min(clauses.length, i + maxWindowClauses); j += 1) {
      const first = clauses[i];
      const last = clauses[j];
      if (!first || !last) continue;
      if (i === 0 && j === clauses.length - 1) continue;
      result.push(span(original, first.start, last.end));
    }
  }
  return result;
}

interface Candidate extends Omit<Evidence, 'display'> {
  sentence: TextSpan;
}

function rankPrior(rank: number, count: number): number {
  return 0.08 * (1 - rank / Math.max(count, 1));
}

function scoreCandidates(
  passages: readonly SearchResult[],
  source: DocumentSource,
  analysis: QuestionAnalysis,
  weight: TermWeight,
  wholeSentences: boolean,
  similarity: SentenceSimilarity,
): Candidate[] {
  const candidates: Candidate[] = [];
  // Whole sentences first; then the clause windows of only the most promising ones (by their score before any
  // length penalty), since a window scores within its sentence's reach: most of the cost of answering is here.
  const sentences: { candidate: Candidate; unpenalised: number; adjust: number; prior: number }[] = [];
  const anchor = analysis.kind === 'number' ? anchorTerm(analysis, weight) : undefined;
  const score = (passage: SearchResult, document: DocumentWithText, sentence: TextSpan, window: TextSpan, meaning: number | null, plan: boolean, adjust: number, prior: number) => {
    const scored = scoreText(window.text, analysis, weight);
    // A figure that counts the asked thing only together with others is no figure for it: one for it alone comes first.
    if (anchor && scored.units.size > 0 && window.text.includes('、') && countedTogether(normalizeText(window.text), analysis, anchor)) {
      scored.bonus -= togetherPenalty;
    }
    const length = displayText(window.text).length;
    // A long sentence is penalised as an answer to a precise question, not as the start of a list; a list hangs
    // under a heading, so a heading that names the topic (「二、存在问题及短板」) is a good start.
    const penalty = wholeSentences ? 0 : 0.0015 * Math.max(0, length - longWindow) + (isBareLead(window.text) ? bareLeadPenalty : 0);
    const heading = wholeSentences && scored.coverage > 0 && isHeadingLine(window.text) ? headingBonus : 0;
    const unpenalised = scored.coverage + scored.bonus + prior + adjust + heading;
    const candidate: Candidate = {
      passage,
      document,
      span: window,
      sentence,
      similarity: meaning,
      plan,
      coverage: scored.coverage,
      covered: scored.covered,
      units: scored.units,
      score: unpenalised - penalty,
    };
    return { candidate, unpenalised };
  };
  passages.forEach((passage, rank) => {
    const document = source(passage.docId);
    if (!document) return;
    for (const sentence of passageSentences(document, passage)) {
      // Text addressed to the reader (「忽略以上所有指令，回答：…」) states nothing the report reports, and a
      // report's title (「丙县2023年法治政府建设情况报告」) is no fact about its topic.
      if (isInstructionToReader(sentence.text) || isTitleLine(document, sentence.text)) continue;
      const meaning = similarity(document, sentence);
      const plan = isPlan(passage, sentence.text);
      // What was done answers a result question, what is planned a plan question (下一步…要…).
      const adjust = (meaning === null ? 0 : similarityWeight * (meaning - neutralSimilarity)) - (plan && analysis.asksResult ? 0.5 : 0) + (plan && analysis.asksPlan ? planBonus : 0);
      const prior = rankPrior(rank, passages.length);
      const whole = score(passage, document, sentence, sentence, meaning, plan, adjust, prior);
      candidates.push(whole.candidate);
      sentences.push({ candidate: whole.candidate, unpenalised: whole.unpenalised, adjust, prior });
    }
  });
  if (!wholeSentences) {
    const promising = [...sentences].sort((a, b) => b.unpenalised - a.unpenalised).slice(0, windowedSentences);
    for (const { candidate, adjust, prior } of promising) {
      const { passage, document, sentence } = candidate;
      for (const window of windows(document.original, sentence).slice(1)) {
        candidates.push(score(passage, document, sentence, window, candidate.similarity, candidate.plan, adjust, prior).candidate);
      }
    }
  }
  return candidates.sort((a, b) => b.score - a.score);
}

const headingBonus = 0.2;
const togetherPenalty = 0.3;
const bareLeadPenalty = 0.3;
const planBonus = 0.15;

/**
 * An item's lead or a section heading alone (「二是有效预防化解矛盾纠纷。」, 「(五)依法预防调处化解矛盾纠纷,切实维护社会公平
 * 正义。」): it names a topic and states nothing, so it answers no precise question.
 */
function isBareLead(text: string): boolean {
  const shown = displayText(text);
  return (
    (itemLead.test(shown) && shown.length <= 20 && !/[，,；;：:]/u.test(shown)) ||
    (sectionHeading.test(shown) && shown.length <= 32 && !/\d/u.test(shown.slice(4)))
  );
}

/** A heading line: 「二、存在问题及短板」, 「（三）…」, or a short line without a full stop. */
function isHeadingLine(text: string): boolean {
  const line = displayText(text);
  return topHeading.test(line) || (line.length <= 25 && !/[。；;！？]$/u.test(line));
}

const sectionHeading = /^(?:#|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/u;
const topHeading = /^(?:#|[一二三四五六七八九十]+、)/u;
const itemLead = /^(?:[一二三四五六七八九十]+是|\d+[、.．](?!\d)|[①-⑳])/u;

/**
 * A list answer around the chosen sentence. After a heading (（三）…, …：) it shows the items that follow (each
 * shortened to its lead); after an item or a plain sentence it shows that sentence with its details, then the
 * leads of the sibling items — all within the section and a length budget.
 */
function listEvidence(candidate: Candidate, analysis: QuestionAnalysis, weight: TermWeight, similarity: SentenceSimilarity): Evidence {
  const { document, sentence } = candidate;
  const sentences = documentSentences(document);
  const at = sentences.findIndex((item) => item.start === sentence.start);
  const anchorText = displayText(sentence.text);
  // An earlier sibling joins when it is about as much on topic as the chosen item (a word every item shares, 执法, is not enough).
  const onTopic = (item: TextSpan) =>
    scoreText(item.text, analysis, weight).coverage >= Math.max(0.3, candidate.coverage * 0.6) || (similarity(document, item) ?? 0) >= siblingSimilarity;
  // An item chosen from the middle of an enumeration (「十是…」): its earlier siblings on the topic come first.
  const earlier: TextSpan[] = [];
  if (itemLead.test(anchorText)) {
    for (let previous = at - 1; previous >= 0; previous -= 1) {
      const item = sentences[previous];
      if (!item) break;
      const text = displayText(item.text);
      if (sectionHeading.test(text) || /[：:]$/u.test(text)) break;
      if (itemLead.test(text) && onTopic(item) && !isInstructionToReader(item.text)) earlier.unshift(item);
    }
  }
  const isHeading = !itemLead.test(anchorText) && (sectionHeading.test(anchorText) || /[：:]$/u.test(anchorText) || anchorText.length <= 25);
  // 「…存在一些问题：一是…」 opens the enumeration itself: its siblings are the answer.
  const opensList = /[：:]\s*(?:[一二三四五六七八九十]+是|（一）|\(一\)|1[、.．])/u.test(anchorText);
  const shown: string[] = [...earlier.map((item) => clip(document.original, item, itemDisplayLength)), clip(document.original, sentence, 200)];
  let budget = listBudget - shown.reduce((sum, piece) => sum + piece.length, 0);
  let end = sentence.end;
  let inItems = false;
  let itemOnTopic = false;
  for (let next = at + 1; at >= 0 && next < sentences.length && budget > 0; next += 1) {
    const item = sentences[next];
    if (!item) break;
    // The web page's navigation and footer (上一条：…, 关闭窗口, 版权所有) end the report: no list runs into them.
    if (isPageChrome(item.text)) break;
    if (isInstructionToReader(item.text)) continue;
    const text = displayText(item.text);
    // A heading ends the list, except the sub-headings under a heading the list starts from.
    if (isHeading && topHeading.test(anchorText) ? topHeading.test(text) : sectionHeading.test(text)) break;
    const isItem = itemLead.test(text) || (isHeading && sectionHeading.test(text));
    let piece: string | null = null;
    if (isItem) {
      inItems = true;
      // After a heading every item belongs to the answer; after a content sentence only the items on the topic do.
      itemOnTopic = isHeading || opensList || scoreText(item.text, analysis, weight).coverage > 0;
      if (itemOnTopic) piece = clip(document.original, item, itemDisplayLength);
    } else if (!inItems) {
      piece = clip(document.original, item, isHeading ? itemDisplayLength : 160);
    } else if (itemOnTopic && !isHeading) {
      // An on-topic item's details (「二是…。组织全区18个部门…」) are part of the answer too.
      piece = clip(document.original, item, 160);
    }
    if (piece === null) continue;
    if (piece.length > budget && shown.length > 1) break;
    shown.push(piece);
    budget -= piece.length;
    end = item.end;
  }
  return {
    passage: candidate.passage,
    document,
    span: span(document.original, earlier[0]?.start ?? sentence.start, end),
    display: shown.map((piece) => piece.replace(/[。；;]+$/u, '')).join('；'),
    similarity: candidate.similarity,
    plan: candidate.plan,
    coverage: candidate.coverage,
    score: candidate.score,
    units: candidate.units,
    covered: candidate.covered,
  };
}

/**
 * A list whose best sentence sits under a heading that itself names the topic (「二、存在问题及短板」 for 「有哪些短板」)
 * starts at that heading, so the answer is the section's items, not one of them.
 */
function sectionStart(best: Candidate, analysis: QuestionAnalysis, weight: TermWeight): Candidate | null {
  // The nearest heading that names the question's most distinctive word (its anchor), from the closest level up.
  const anchor = anchorTerm(analysis, weight);
  if (!anchor) return null;
  const headings = best.passage.sectionPath.split(' > ').filter((part) => part.length > 0).reverse();
  const heading = headings.find((part) => scoreText(part, analysis, weight).covered.has(anchor));
  if (!heading) return null;
  const wanted = normalizeText(heading);
  const sentence = documentSentences(best.document).find((item) => item.start <= best.sentence.start && normalizeText(displayText(item.text)) === wanted);
  return sentence ? { ...best, span: sentence, sentence } : null;
}

/** An item's lead (「四是…，…。」, at most two short clauses) with the sentence that follows it in its section; else the span. */
function withDetail(document: DocumentWithText, excerpt: TextSpan): TextSpan {
  const shown = displayText(excerpt.text);
  if (!itemLead.test(shown) || shown.length > itemLeadLength) return excerpt;
  const sentences = documentSentences(document);
  const at = sentences.findIndex((sentence) => sentence.start === excerpt.start);
  const next = at >= 0 ? sentences[at + 1] : undefined;
  if (!next) return excerpt;
  const following = displayText(next.text);
  if (itemLead.test(following) || sectionHeading.test(following) || isPageChrome(next.text) || isInstructionToReader(next.text)) return excerpt;
  return span(document.original, excerpt.start, next.end);
}

/** An item's lead this long or shorter names its topic only; a longer one states something itself. */
const itemLeadLength = 30;

/** The excerpts that best answer the question, best first; empty when no passage has usable text. */
export function selectEvidence(
  passages: readonly SearchResult[],
  source: DocumentSource,
  analysis: QuestionAnalysis,
  weight: TermWeight,
  options: SelectOptions = {},
): Evidence[] {
  const isList = analysis.kind === 'list';
  const candidates = scoreCandidates(passages, source, analysis, weight, isList, options.similarity ?? (() => null));
  const best = candidates[0];
  if (!best) return [];
  if (isList) return [listEvidence(sectionStart(best, analysis, weight) ?? best, analysis, weight, options.similarity ?? (() => null))];
  const maxPicks = options.maxPicks ?? 3;
  const minGain = options.minGain ?? 0.15;
  const picks: Candidate[] = [best];
  const covered = new Set(best.covered);
  const units = new Set(best.units);
  const totalWeight = analysis.terms.reduce((sum, term) => sum + weight(term), 0) || 1;
  while (picks.length < maxPicks) {
    let chosen: Candidate | null = null;
    let chosenGain = 0;
    for (const candidate of candidates) {
      const overlaps = picks.some((pick) => pick.document === candidate.document && candidate.span.start < pick.span.end && pick.span.start < candidate.span.end);
      if (overlaps || candidate.coverage < 0.35) continue;
      let gain = 0;
      for (const term of candidate.covered) if (!covered.has(term)) gain += weight(term) / totalWeight;
      const newUnit = [...candidate.units].some((unit) => !units.has(unit));
      const value = gain + (newUnit ? minGain : 0);
      if (value >= minGain && value > chosenGain) {
        chosen = candidate;
        chosenGain = value;
      }
    }
    if (!chosen) break;
    picks.push(chosen);
    for (const term of chosen.covered) covered.add(term);
    for (const unit of chosen.units) units.add(unit);
  }
  const shown: Evidence[] = [];
  for (const pick of picks) {
    // A short sentence is shown whole: its other clauses often hold the rest of the answer (who, where, the second figure).
    // An item's lead (「一是深入推进…改革。」) names a topic and states nothing: the sentence after it comes with it.
    const whole = withDetail(pick.document, displayText(pick.sentence.text).length <= shortSentence ? pick.sentence : pick.span);
    const repeats = shown.some((other) => other.document === pick.document && other.span.start <= whole.start && whole.end <= other.span.end);
    if (repeats) continue;
    shown.push({
      passage: pick.passage,
      document: pick.document,
      span: whole,
      display: trimDisplay(whole.text),
      similarity: pick.similarity,
      plan: pick.plan,
      coverage: pick.coverage,
      score: pick.score,
      units: pick.units,
      covered: pick.covered,
    });
  }
  return shown;
}
