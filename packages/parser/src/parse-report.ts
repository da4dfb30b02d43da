// The whole pipeline: bytes or text in, metadata, sections and located passages out.
import { assertTextual } from './assert-textual.js';
import { buildStructure } from './build-structure.js';
import { chunkBlocks } from './chunk-report.js';
import { classifyLines } from './classify-lines.js';
import { decodeReport } from './decode-report.js';
import { metadataFromLayout } from './extract-metadata.js';
import type { ParsedReport, ParseOptions } from './types.js';

export function parseReport(input: string | Uint8Array, options: ParseOptions = {}): ParsedReport {
  const original = typeof input === 'string' ? assertTextual(input) : decodeReport(input);
  const layout = classifyLines(original);
  const { blocks, sections } = buildStructure(layout);
  return {
    original,
    metadata: metadataFromLayout(layout),
    sections,
    chunks: chunkBlocks(original, blocks, options),
  };
}
