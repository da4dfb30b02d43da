// The regions and years a question names, read by retrieval's one place finder and year reader, in the shapes that
// comparisons and follow-ups use.
import { createPlaceFinder, findYears as findYearSpans, scopeDocument, type DocumentRecord, type PlaceMention } from '@report-qa/retrieval';

export interface RegionMention {
  /** The text as written in the question. */
  text: string;
  index: number;
  /** The corpus region part it names, e.g. 海西蒙古族藏族自治州 or 城东区. */
  part: string;
}

export interface YearMention {
  text: string;
  index: number;
  year: number;
}

export interface KnownPlaces {
  find(text: string): PlaceMention[];
}

const finders = new WeakMap<readonly DocumentRecord[], KnownPlaces>();

/** The place finder over the corpus' documents (built once per document list). */
export function knownRegionParts(documents: readonly DocumentRecord[]): KnownPlaces {
  let finder = finders.get(documents);
  if (!finder) {
    const places = createPlaceFinder(documents.map(scopeDocument));
    finder = { find: (text) => places.findMentions(text) };
    finders.set(documents, finder);
  }
  return finder;
}

/** Covered regions named in the text (not places inside them, not places the library lacks), in order. */
export function findRegions(text: string, known: KnownPlaces): RegionMention[] {
  return known
    .find(text)
    .flatMap((mention) => (mention.corpus && !mention.inside ? [{ text: mention.text, index: mention.start, part: mention.corpus.key }] : []));
}

/** Years named in the text: 2021年, 21年, 二〇二一年; with `now` also 今年, 去年, 前年. */
export function findYears(text: string, now?: Date): YearMention[] {
  return findYearSpans(text, now).map((span) => ({ text: text.slice(span.start, span.end), index: span.start, year: span.year }));
}
