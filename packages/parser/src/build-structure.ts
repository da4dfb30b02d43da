// Groups a report's lines into paragraphs and sections: heading numbering gives each paragraph its section path.
import type { ReportLayout } from './classify-lines.js';
import { continuesPreviousLine } from './continues-previous-line.js';
import type { Section } from './types.js';

export interface Block {
  kind: 'title' | 'heading' | 'text';
  start: number;
  end: number;
  /** Headings from the top-level section down to the one this block is in. */
  path: string[];
  /** Blocks of different groups never share a passage: a group is a top-level section, a title's preamble, or text between chrome. */
  group: number;
}

export interface ReportStructure {
  blocks: Block[];
  sections: Section[];
}

interface OpenSection {
  rank: number;
  section: Section;
}

export function buildStructure(layout: ReportLayout): ReportStructure {
  const blocks: Block[] = [];
  const sections: Section[] = [];
  let stack: OpenSection[] = [];
  let group = 0;
  let paragraph: Block | null = null;
  let previousClean = '';

  const path = (): string[] => stack.map((open) => open.section.heading);
  const extend = (block: Block, end: number): void => {
    block.end = end;
    for (const open of stack) open.section.end = Math.max(open.section.end, end);
  };
  const close = (): void => {
    paragraph = null;
  };

  for (const line of layout.lines) {
    switch (line.kind) {
      case 'blank':
      case 'page':
        continue;
      case 'chrome':
      case 'footer':
        close();
        group += 1;
        continue;
      case 'title': {
        close();
        // A title starts the report proper, after a cover letter or a web header.
        if (blocks.at(-1)?.kind !== 'title') group += 1;
        stack = [];
        const block: Block = { kind: 'title', start: line.start, end: line.end, path: [], group };
        blocks.push(block);
        continue;
      }
      case 'heading': {
        close();
        const heading = line.heading;
        if (!heading) continue;
        while (stack.length > 0 && (stack.at(-1)?.rank ?? 0) >= heading.rank) stack.pop();
        const section: Section = { heading: heading.heading, path: [...path(), heading.heading], depth: stack.length + 1, start: line.start, end: line.end };
        stack.push({ rank: heading.rank, section });
        sections.push(section);
        if (stack.length === 1) group += 1;
        const block: Block = { kind: heading.wholeLine ? 'heading' : 'text', start: line.start, end: line.end, path: path(), group };
        blocks.push(block);
        extend(block, line.end);
        if (!heading.wholeLine) paragraph = block;
        previousClean = line.clean;
        continue;
      }
      case 'text': {
        const open: Block | null = paragraph;
        if (open && continuesPreviousLine(previousClean, line.clean)) {
          extend(open, line.end);
        } else {
          const block: Block = { kind: 'text', start: line.start, end: line.end, path: path(), group };
          blocks.push(block);
          extend(block, line.end);
          paragraph = block;
        }
        previousClean = line.clean;
        continue;
      }
    }
  }
  return { blocks, sections };
}
