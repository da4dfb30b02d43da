// Finds place names in a text with the gazetteer, longest match first.
import { loadGazetteer, type RegionEntity } from './region-gazetteer.js';

export interface RegionMention {
  /** The name as written. */
  text: string;
  index: number;
  entities: RegionEntity[];
}

/** allowBareCounties: accept county stems without their suffix (湟中), safe only in titles and headers. */
export function findRegions(text: string, allowBareCounties: boolean): RegionMention[] {
  const { aliases, lengthsByFirstChar } = loadGazetteer();
  const mentions: RegionMention[] = [];
  let index = 0;
  while (index < text.length) {
    const lengths = lengthsByFirstChar.get(text[index] ?? '');
    let matched = 0;
    if (lengths) {
      for (const length of lengths) {
        if (index + length > text.length) continue;
        const candidate = text.slice(index, index + length);
        const alias = aliases.get(candidate);
        if (!alias || (alias.bareCounty && !allowBareCounties)) continue;
        mentions.push({ text: candidate, index, entities: alias.entities });
        matched = length;
        break;
      }
    }
    index += matched > 0 ? matched : 1;
  }
  return mentions;
}
