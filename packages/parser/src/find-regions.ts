// Finds place names in a text with the gazetteer, longest match first.
import { loadGazetteer, pairCode, type RegionEntity } from './region-gazetteer.js';

// A bare stem followed by an office suffix is a word, not a place: 公安局, 民政厅.
const BODY_SUFFIX = /[局厅委办处所部院科队站室会]/;

export interface RegionMention {
  /** The name as written. */
  text: string;
  index: number;
  entities: RegionEntity[];
}

/** allowBareCounties: accept county stems without their suffix (湟中), safe only in titles and headers. */
export function findRegions(text: string, allowBareCounties: boolean): RegionMention[] {
  const { aliases, lengthsByFirstChar, prefixes } = loadGazetteer();
  const mentions: RegionMention[] = [];
  let index = 0;
  while (index < text.length) {
    const lengths = prefixes.has(pairCode(text, index)) ? lengthsByFirstChar.get(text[index] ?? '') : undefined;
    let matched = 0;
    if (lengths) {
      for (const length of lengths) {
        if (index + length > text.length) continue;
        const candidate = text.slice(index, index + length);
        const alias = aliases.get(candidate);
        if (!alias || (alias.bareCounty && (!allowBareCounties || BODY_SUFFIX.test(text[index + length] ?? '')))) continue;
        mentions.push({ text: candidate, index, entities: alias.entities });
        matched = length;
        break;
      }
    }
    index += matched > 0 ? matched : 1;
  }
  return mentions;
}
