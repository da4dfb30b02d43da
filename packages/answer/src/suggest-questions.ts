// Next questions after an answer, made offline from the cited reports: another region or year, or a neighbouring section.
import type { Section } from '@report-qa/parser';

export interface SuggestionDocument {
  id: string;
  region: string | null;
  year: number | null;
}

export interface SuggestionInput {
  /** The standalone question that was answered. */
  question: string;
  citations: { docId: string; start: number }[];
  documents: SuggestionDocument[];
  /** The sections of a cited report (parsed on demand), or null when it cannot be read. */
  sectionsOf: (docId: string) => Section[] | null;
}

const REGION_SUFFIX = /(?:蒙古族藏族自治州|藏族自治州|自治州|自治县|地区|市|州|县|区|省|盟)$/u;
const HEADING_NUMBER = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．])\s*/u;

/** Where the question names this region, in full or without its suffix (海东市, 海东). */
function regionMention(question: string, region: string): string | null {
  if (question.includes(region)) return region;
  const short = region.replace(REGION_SUFFIX, '');
  return short.length >= 2 && question.includes(short) ? short : null;
}

/** A section heading as a topic: without its number and trailing punctuation. */
export function topicOf(heading: string): string {
  return heading.replace(HEADING_NUMBER, '').replace(/[。；;，,：:\s]+$/u, '').trim();
}

const topicQuestion = (document: SuggestionDocument, topic: string) => `${document.region}${document.year}年在“${topic}”方面做了哪些工作？`;

/** The deepest section holding an offset, and its next (or else previous) sibling. */
function neighbourOf(sections: Section[], offset: number): { here: Section; next: Section } | null {
  const holding = sections.filter((section) => section.start <= offset && offset < section.end);
  const here = holding.sort((a, b) => b.depth - a.depth)[0];
  if (!here) return null;
  const parent = here.path.slice(0, -1).join('\u0000');
  const siblings = sections.filter((section) => section.depth === here.depth && section.path.slice(0, -1).join('\u0000') === parent);
  const at = siblings.indexOf(here);
  const next = siblings[at + 1] ?? siblings[at - 1];
  return next ? { here, next } : null;
}

/** Candidate questions, most varied first; none is checked here (the route asks each before showing it). */
export function suggestQuestions({ question, citations, documents, sectionsOf }: SuggestionInput): string[] {
  const byId = new Map(documents.map((document) => [document.id, document]));
  const cited = [...new Set(citations.map((citation) => citation.docId))].flatMap((id) => byId.get(id) ?? []);
  const primary = cited.find((document) => document.region && document.year !== null);
  if (!primary) return [];
  const covered = documents.filter((document) => document.region && document.year !== null && document.id !== primary.id);
  const otherRegions = covered.filter((document) => document.region !== primary.region && !cited.includes(document));
  const otherYears = covered.filter((document) => document.region === primary.region);

  const mention = regionMention(question, primary.region!);
  const year = /(\d{4})\s*年/u.exec(question);
  const swap = (document: SuggestionDocument): string | null => {
    if (!mention) return null;
    if (!year && document.region === primary.region) return null;
    const swapped = question.replace(mention, document.region!);
    return year ? swapped.replace(year[0], `${document.year}年`) : swapped;
  };

  const firstCitation = citations.find((citation) => citation.docId === primary.id);
  const sections = sectionsOf(primary.id);
  const neighbour = sections && firstCitation ? neighbourOf(sections, firstCitation.start) : null;
  const topic = neighbour ? topicOf(neighbour.here.heading) : null;

  const sameTopicElsewhere = otherRegions.map((document) => swap(document) ?? (topic ? topicQuestion(document, topic) : null));
  const nextSection = neighbour ? [topicQuestion(primary, topicOf(neighbour.next.heading))] : [];
  const otherYear = otherYears.map(swap);
  const topicElsewhere = topic ? otherRegions.map((document) => topicQuestion(document, topic)) : [];

  // One of each kind first, then the rest, so two or three checked suggestions are rarely all alike.
  const ordered = [sameTopicElsewhere[0], nextSection[0], otherYear[0], ...sameTopicElsewhere.slice(1), ...otherYear.slice(1), ...topicElsewhere];
  const seen = new Set([question]);
  return ordered.filter((candidate): candidate is string => {
    if (!candidate || seen.has(candidate)) return false;
    seen.add(candidate);
    return true;
  });
}
