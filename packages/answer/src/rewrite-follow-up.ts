// Follow-ups carry state, not string surgery: every user turn is read into places, years and a topic, the
// conversation's state is replayed turn by turn from the history alone, and a follow-up replaces only what it changes.
import type { DocumentRecord } from '@report-qa/retrieval';
import { keyTerms } from './analyze-question.js';
import { findRegions, findYears, knownRegionParts, type KnownPlaces } from './find-mentions.js';
import type { HistoryTurn } from './types.js';

/** What a conversation is about after some turns. */
export interface ConversationState {
  /** Places as the user wrote them (海西, 西宁市). */
  places: string[];
  years: number[];
  /** The question without its places, years and follow-up words: 「收到多少件行政复议申请」. */
  topic: string;
}

const followUpStart = /^(?:那么|那|还有|另外|再问|再|具体|其中|这些|这个|这方面|它们|他们|它|该)/u;
const followUpEnd = /呢[？?。!！\s]*$/u;
const maxFollowUpLength = 24;
// Pronouns and narrowing words that keep the earlier topic (它的办结率, 具体有哪些措施, 其中…).
const keepsTopic = /^(?:它们?|其|这些|这个|该|其中|具体|这方面|他们|那个)/u;
// Questions about every report stand alone, whatever was asked before.
const acrossReports = /各地|各个?地区|几份报告|各份报告|所有报告|哪个地[方区]|哪些地[方区]|比较|对比|比一下/u;
// Words that only make a question a follow-up, or only ask, and name no topic.
const askOnly = /^(?:的|在|里|方面|情况|的情况|是多少|有多少|多少|呢|吗|啊|怎么样|如何|怎样)*$/u;

/** Whether a question leans on an earlier turn instead of standing alone. */
export function isFollowUp(question: string): boolean {
  const text = question.trim();
  return text.length <= maxFollowUpLength && (followUpStart.test(text) || followUpEnd.test(text));
}

interface Turn {
  places: string[];
  years: number[];
  topic: string;
}

function stripEnd(text: string): string {
  return text.trim().replace(/[？?。!！\s]+$/u, '');
}

/** A turn's places, years and what is left: the topic. Unknown place names count as places (海南州). */
function readTurn(text: string, known: KnownPlaces, now: Date | undefined): Turn {
  const mentions = known.find(text);
  const years = findYears(text, now);
  let topic = stripEnd(text);
  const cuts = [
    ...mentions.map((mention) => ({ index: mention.start, length: mention.end - mention.start })),
    ...years.map((year) => ({ index: year.index, length: year.text.length })),
  ].sort((a, b) => b.index - a.index);
  for (const cut of cuts) {
    topic = topic.slice(0, cut.index) + topic.slice(cut.index + cut.length).replace(/^\s*年度?/u, '');
  }
  topic = topic
    .replace(followUpStart, '')
    .replace(/呢(?=[，,？?。]|$)/gu, '')
    .replace(/^(?:的|在|里|方面|[，,、和与跟])+|(?:的|的情况|情况)+$/gu, '')
    .trim();
  return {
    places: mentions.filter((mention) => !mention.inside || mention.corpus).map((mention) => mention.text),
    years: [...new Set(years.map((year) => year.year))],
    topic: askOnly.test(topic) ? '' : topic,
  };
}

/** Whether some report covers one of the places in one of the years. */
function hasReport(places: readonly string[], years: readonly number[], known: KnownPlaces, documents: readonly DocumentRecord[]): boolean {
  const parts = new Set(places.flatMap((place) => findRegions(place, known).map((mention) => mention.part)));
  // Its own reports: 西宁市's, not 城东区's (a district's report does not speak for its city).
  return documents.some((document) => {
    const own = document.metadata.regionPath.at(-1);
    return document.metadata.year !== null && years.includes(document.metadata.year) && own !== undefined && parts.has(own);
  });
}

/**
 * The state after this turn: a standalone question starts afresh; a follow-up keeps what it does not change.
 * A new place drops the old years unless the new place has a report for them. A topic of its own (with a question
 * of its own) replaces the old one; a narrowing (它的…, 具体…) or no topic at all keeps it.
 */
function nextState(state: ConversationState | null, text: string, turn: Turn, known: KnownPlaces, documents: readonly DocumentRecord[]): ConversationState {
  const leans = state !== null && !acrossReports.test(text) && (isFollowUp(text) || turn.places.length === 0);
  if (!state || !leans) return { places: turn.places, years: turn.years, topic: turn.topic };
  const places = turn.places.length > 0 ? turn.places : state.places;
  let years = turn.years;
  if (years.length === 0) years = turn.places.length === 0 || hasReport(places, state.years, known, documents) ? state.years : [];
  let topic = state.topic;
  if (turn.topic.length > 0) {
    const ownTerms = keyTerms(turn.topic);
    const narrows = keepsTopic.test(stripEnd(text).replace(/^(?:那么|那|还有|另外|再)/u, '')) || ownTerms.length === 0;
    topic = narrows ? `${state.topic}，${turn.topic}` : withAsk(turn.topic, state.topic);
  }
  return { places, years, topic };
}

const askWord = /多少|几|哪|什么|怎么|如何|吗|是否|有没有|啥|咋/u;

/**
 * A new topic that asks nothing (「应诉案件呢？」) asks what the earlier topic asked: 「应诉案件有多少件」 after
 * 「收到多少件行政复议申请」; a rate or an amount is asked 「是多少」.
 */
function withAsk(topic: string, earlier: string): string {
  if (askWord.test(topic)) return topic;
  const asked = /(?:多少|几)[件个项人名次条家场起批类余]*/u.exec(earlier)?.[0];
  if (!asked && !askWord.test(earlier)) return topic;
  if (/(?:率|比例|金额|总额|数量|人数)$/u.test(topic) || !asked) return `${topic}是多少`;
  return `${topic}有${asked}`;
}

/** The conversation's state after the given user turns (oldest first), from their text alone. */
export function conversationState(
  userTurns: readonly string[],
  documents: readonly DocumentRecord[],
  now?: Date,
): ConversationState | null {
  const known = knownRegionParts(documents);
  let state: ConversationState | null = null;
  for (const text of userTurns) state = nextState(state, text, readTurn(text, known, now), known, documents);
  return state;
}

/** The standalone question a state asks: places, then years, then the topic. */
function questionOf(state: ConversationState): string {
  const years = state.years.map((year) => `${year}年`).join('和');
  return `${state.places.join('和')}${years}${state.topic}？`;
}

/**
 * The standalone question for `question` after `history`, replayed from the user turns alone (as /v1 and WeChat
 * send them). A question that stands alone is returned as it is.
 */
export function rewriteFollowUp(question: string, history: readonly HistoryTurn[], documents: readonly DocumentRecord[], now?: Date): string {
  const earlier = history.filter((turn) => turn.role === 'user').map((turn) => turn.content);
  if (earlier.length === 0) return question;
  const known = knownRegionParts(documents);
  const before = conversationState(earlier, documents, now);
  const turn = readTurn(question, known, now);
  const leans = before !== null && !acrossReports.test(question) && (isFollowUp(question) || turn.places.length === 0);
  if (!leans || !before) return question;
  const after = nextState(before, question, turn, known, documents);
  // A follow-up that changes nothing but asks a question of its own (no place named): keep its wording.
  if (turn.places.length === 0 && turn.years.length === 0 && after.topic === turn.topic && !isFollowUp(question)) {
    return after.places.length > 0 || after.years.length > 0 ? `${after.places.join('和')}${after.years.map((year) => `${year}年`).join('和')}${question}` : question;
  }
  return questionOf(after);
}
