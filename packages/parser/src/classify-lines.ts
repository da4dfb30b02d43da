// Cleans every line of a report once and says what it is: blank, web chrome, document footer, heading, title or text.
import { cleanLine } from './clean-line.js';
import { detectHeading, type HeadingMatch } from './detect-heading.js';
import { findTitle } from './find-title.js';
import { splitLines } from './split-lines.js';
import { isChromeLine } from './strip-chrome.js';
import { isPageNumber } from './is-page-number.js';
import { markdownHashes } from './markdown-hashes.js';

export type LineKind = 'blank' | 'page' | 'chrome' | 'footer' | 'heading' | 'title' | 'text';

export interface ReportLine {
  start: number;
  end: number;
  /** The cleaned line. */
  clean: string;
  kind: LineKind;
  heading: HeadingMatch | null;
}

export interface ReportLayout {
  lines: ReportLine[];
  /** The report's title as written (cleaned), or null. */
  title: string | null;
  /** Indexes into lines of the title's lines. */
  titleLines: number[];
  /** The cover letter's own title (关于报送《…》的报告), when the report comes with one. */
  coverTitle: string | null;
}

// The printed document's tail (版记): distribution list and printing office, not report content.
const FOOTER = /^(?:抄送|抄报|主题词|是否宜公开|公开属性|公开方式|[（(]?此件(?:公开发布|不公开|依申请公开)[）)]?)/;
const FOOTER_TAIL_LINE = 40;
const PRINT_LINE = /(?:办公室|办公厅|秘书处|机要科).{0,4}印(?:发)?.{0,6}(?:\d{4}|[〇零一二]{4})年|年\d{1,2}月\d{1,2}日印发$/;

export function classifyLines(original: string): ReportLayout {
  const lines: ReportLine[] = [];
  for (const { start, end } of splitLines(original)) {
    const { text } = cleanLine(original, start, end);
    lines.push({ start, end, clean: text, kind: kindOf(text), heading: null });
  }
  markFooterTail(lines);
  for (const line of lines) {
    if (line.kind !== 'text') continue;
    const hashes = markdownHashes(original, line.start, line.end);
    line.heading = detectHeading(line.clean, hashes);
    if (line.heading) line.kind = 'heading';
  }
  const title = findTitle(lines, original);
  for (const index of title.lineIndexes) {
    const line = lines[index];
    if (!line) continue;
    line.kind = 'title';
    line.heading = null;
  }
  return { lines, title: title.title, titleLines: title.lineIndexes, coverTitle: title.coverTitle };
}

function kindOf(clean: string): LineKind {
  if (clean.length === 0) return 'blank';
  if (isPageNumber(clean)) return 'page';
  if (isChromeLine(clean)) return 'chrome';
  if (clean.length <= 120 && (FOOTER.test(clean) || PRINT_LINE.test(clean))) return 'footer';
  return 'text';
}

/** After the distribution list (抄送：…), the short lines that follow (its continuation, the printing office) are footer too. */
function markFooterTail(lines: ReportLine[]): void {
  let inFooter = false;
  for (const line of lines) {
    if (line.kind === 'footer') inFooter = true;
    else if (line.kind === 'text' && inFooter && line.clean.length <= FOOTER_TAIL_LINE) line.kind = 'footer';
    else if (line.kind === 'text') inFooter = false;
  }
}
