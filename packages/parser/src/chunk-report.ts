// Cuts a report into passages of whole sentences that never cross a top-level section, each located in the original.
import type { Block } from './build-structure.js';
import { buildStructure } from './build-structure.js';
import { classifyLines } from './classify-lines.js';
import { cleanRange } from './clean-text.js';
import { isSpace, isLineBreak } from './character-classes.js';
import { splitSentences, type Span } from './split-sentences.js';
import { passageId } from './stable-id.js';
import type { Chunk, ChunkOptions } from './types.js';

const DEFAULT_TARGET = 400;
const DEFAULT_MAX = 600;

interface Unit extends Span {
  /** Characters that count: whitespace and markdown markers left out. */
  size: number;
  path: string[];
  /** path joined, to compare sections cheaply. */
  pathKey: string;
  group: number;
  /** A heading or title line standing alone: it leads the passage that follows it. */
  lead: boolean;
}

interface Draft {
  units: Unit[];
  size: number;
  group: number;
}

export function chunkReport(original: string, options: ChunkOptions & { source?: string } = {}): Chunk[] {
  return chunkBlocks(original, buildStructure(classifyLines(original)).blocks, options);
}

export function chunkBlocks(original: string, blocks: Block[], options: ChunkOptions & { source?: string } = {}): Chunk[] {
  const target = Math.max(50, options.targetSize ?? DEFAULT_TARGET);
  const max = Math.max(target, options.maxSize ?? Math.max(DEFAULT_MAX, Math.round(target * 1.5)));
  const overlap = Math.min(Math.max(0, options.overlap ?? 0), Math.floor(target / 2));
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const unit of unitsOf(original, blocks, max)) {
    if (current && current.group !== unit.group) {
      drafts.push(current);
      current = null;
    }
    if (current) {
      const lastContent = lastContentOf(current.units);
      const sectionChanges = lastContent !== undefined && (unit.lead || unit.pathKey !== lastContent.pathKey);
      const full = current.size + unit.size > target && (current.size >= target * 0.6 || current.size + unit.size > max);
      if (sectionChanges || (full && lastContent !== undefined)) {
        drafts.push(current);
        // Overlap only continues a section; a new section starts clean.
        current = sectionChanges ? null : startAfter(current, unit.group, overlap);
      }
    }
    current ??= { units: [], size: 0, group: unit.group };
    current.units.push(unit);
    current.size += unit.size;
  }
  if (current) drafts.push(current);
  return toChunks(original, mergeShortTails(drafts, target, max), options.source);
}

/** A new passage in the same group starts with the previous one's last whole sentences, up to overlap characters. */
function startAfter(previous: Draft, group: number, overlap: number): Draft {
  const next: Draft = { units: [], size: 0, group };
  if (overlap <= 0 || previous.group !== group) return next;
  for (let index = previous.units.length - 1; index > 0; index -= 1) {
    const unit = previous.units[index];
    if (!unit || unit.lead || next.size + unit.size > overlap) break;
    next.units.unshift(unit);
    next.size += unit.size;
  }
  return next;
}

function lastContentOf(units: Unit[]): Unit | undefined {
  for (let index = units.length - 1; index >= 0; index -= 1) {
    const unit = units[index];
    if (unit && !unit.lead) return unit;
  }
  return undefined;
}

function unitsOf(original: string, blocks: Block[], max: number): Unit[] {
  const units: Unit[] = [];
  for (const block of blocks) {
    const pathKey = block.path.join('\u0000');
    if (block.kind !== 'text') {
      units.push({ start: block.start, end: block.end, size: sizeOf(original, block.start, block.end), path: block.path, pathKey, group: block.group, lead: true });
      continue;
    }
    for (const sentence of splitSentences(original, block.start, block.end)) {
      for (const piece of breakOverlong(original, sentence, max)) {
        units.push({ start: piece.start, end: piece.end, size: sizeOf(original, piece.start, piece.end), path: block.path, pathKey, group: block.group, lead: false });
      }
    }
  }
  return units;
}

/** A run of text with no sentence end for twice the maximum (a table, a list without stops) is cut at a comma. */
function breakOverlong(original: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max * 2) return [span];
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max * 2) {
    let cut = -1;
    for (let index = start + max; index > start + max / 2; index -= 1) {
      if ('，,、\n'.includes(original[index] ?? '')) {
        cut = index + 1;
        break;
      }
    }
    if (cut < 0) cut = start + max;
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

function sizeOf(original: string, start: number, end: number): number {
  let size = 0;
  for (let index = start; index < end; index += 1) {
    const code = original.charCodeAt(index);
    if (!isSpace(code) && !isLineBreak(code) && code !== 0x2a && code !== 0x23) size += 1;
  }
  return size;
}

/** A last sentence or two left alone at the end of a section joins the passage before it when that stays under max. */
function mergeShortTails(drafts: Draft[], target: number, max: number): Draft[] {
  const merged: Draft[] = [];
  for (const draft of drafts) {
    const previous = merged.at(-1);
    const samePath = previous !== undefined && sectionPathOf(previous.units).join('\u0000') === sectionPathOf(draft.units).join('\u0000');
    if (previous && samePath && previous.group === draft.group && draft.size < target * 0.5 && previous.size + draft.size <= max && !draft.units[0]?.lead) {
      const fresh = draft.units.filter((unit) => !previous.units.includes(unit));
      previous.units.push(...fresh);
      previous.size += fresh.reduce((total, unit) => total + unit.size, 0);
      continue;
    }
    merged.push(draft);
  }
  return merged;
}

function toChunks(original: string, drafts: Draft[], source: string | undefined): Chunk[] {
  return drafts.map((draft, index) => {
    const first = draft.units[0];
    const last = draft.units.at(-1);
    const start = first?.start ?? 0;
    const end = last?.end ?? start;
    const text = cleanRange(original, start, end, false).text;
    return { id: passageId(source, index, text), text, sectionPath: sectionPathOf(draft.units).join(' > '), start, end };
  });
}

/** The deepest section that holds all of the passage's sentences (a leading heading counts only when alone). */
function sectionPathOf(units: Unit[]): string[] {
  const content = units.filter((unit) => !unit.lead);
  const paths = (content.length > 0 ? content : units).map((unit) => unit.path);
  let common = paths[0] ?? [];
  for (const path of paths.slice(1)) {
    let length = 0;
    while (length < common.length && length < path.length && common[length] === path[length]) length += 1;
    common = common.slice(0, length);
  }
  return common;
}
