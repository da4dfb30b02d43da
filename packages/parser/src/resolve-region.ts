// Chooses the region a report is about from the place names it mentions, preferring its title, then its header, then its body.
import type { RegionMention } from './find-regions.js';
import type { RegionEntity, RegionKind } from './region-gazetteer.js';

export interface ResolvedRegion {
  region: string;
  regionPath: string[];
  kind: RegionKind;
}

export interface RegionEvidence {
  /** Mentions in the report's title and the issuer's name, strongest evidence first. */
  heading: RegionMention[];
  /** Mentions in the header lines (cover letter, signature, web header). */
  front: RegionMention[];
  /** Mentions in the body. */
  body: RegionMention[];
  /** The kind of region the body speaks of as its own (我区 → county, 我市 → city, 我省 → province), or null. */
  selfKind: RegionKind | null;
}

/** A place named this close to the start of the body is its subject. */
const OPENING_MENTION = 60;

export function resolveRegion(evidence: RegionEvidence): ResolvedRegion | null {
  const context = [...evidence.heading, ...evidence.front, ...evidence.body];
  const named = new Set<string>();
  for (const mention of context) for (const entity of mention.entities) if (mention.entities.length === 1) named.add(entity.path.join('/'));
  for (const mentions of [evidence.heading, evidence.front]) {
    const chosen = deepest(mentions, named);
    if (chosen) return toResolved(chosen.entity, chosen.certain);
  }
  return fromBody(evidence.body, named, evidence.selfKind);
}

interface Choice {
  entity: RegionEntity;
  certain: boolean;
}

/** The first region mentioned, narrowed by later mentions inside it (西宁市 … 城东区); unrelated later places are ignored. */
function deepest(mentions: RegionMention[], named: Set<string>): Choice | null {
  let best: Choice | null = null;
  for (const mention of mentions) {
    const choice = disambiguate(mention, named);
    if (!best) {
      best = choice;
      continue;
    }
    const inside = choice.entity.path.length > best.entity.path.length && best.entity.path.every((name, index) => choice.entity.path[index] === name);
    if (inside) best = choice;
  }
  return best;
}

/** Among places sharing a name (城东区), prefer the one whose city or province the text also names. */
function disambiguate(mention: RegionMention, named: Set<string>): Choice {
  const [first] = mention.entities;
  if (mention.entities.length === 1 || !first) return { entity: first as RegionEntity, certain: true };
  let best = first;
  let bestScore = -1;
  let tied = false;
  for (const entity of mention.entities) {
    let score = 0;
    for (let depth = 1; depth < entity.path.length; depth += 1) {
      if (named.has(entity.path.slice(0, depth).join('/'))) score += depth;
    }
    if (score > bestScore) {
      best = entity;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) {
      tied = true;
    }
  }
  return { entity: best, certain: !tied };
}

function fromBody(mentions: RegionMention[], named: Set<string>, selfKind: RegionKind | null): ResolvedRegion | null {
  const counts = new Map<string, { choice: Choice; count: number; first: number }>();
  for (const mention of mentions) {
    const choice = disambiguate(mention, named);
    const key = choice.entity.path.join('/');
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { choice, count: 1, first: mention.index });
  }
  let best: { choice: Choice; count: number; first: number } | null = null;
  for (const entry of counts.values()) {
    const kindMatches = selfKind === null || entry.choice.entity.kind === selfKind;
    if (!kindMatches) continue;
    if (!best || entry.count > best.count || (entry.count === best.count && entry.first < best.first)) best = entry;
  }
  if (best) {
    // Without a 我区/我市 hint, a place named once is weak evidence unless it opens the body (「2021年，长沙县…」).
    if (selfKind === null && best.count < 2 && best.first > OPENING_MENTION) return null;
    return toResolved(best.choice.entity, best.choice.certain);
  }
  // The hint named a kind the body never spells out (广西's 我区 is an autonomous region): fall back to repeated mentions.
  for (const entry of counts.values()) {
    if (entry.count >= 2 && (!best || entry.count > best.count)) best = entry;
  }
  return best ? toResolved(best.choice.entity, best.choice.certain) : null;
}

function toResolved(entity: RegionEntity, certain: boolean): ResolvedRegion {
  if (!certain) return { region: entity.name, regionPath: [entity.name], kind: entity.kind };
  const [province] = entity.path;
  // Below a province the region is written from the city down (西宁市城东区); municipalities keep their name (北京市朝阳区).
  const municipality = province !== undefined && /市$/.test(province);
  const region = entity.path.length === 1 || municipality ? entity.path.join('') : entity.path.slice(1).join('');
  return { region, regionPath: [...entity.path], kind: entity.kind };
}
