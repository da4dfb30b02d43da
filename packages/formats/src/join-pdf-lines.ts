// Joins the lines of a PDF into paragraphs, across page breaks, using indentation, line length and spacing.
import type { PdfLine } from './pdf-line.js';

/** One paragraph per line of the result. */
export function joinPdfLines(pages: readonly (readonly PdfLine[])[]): string {
  const lines = pages.flatMap((page, pageIndex) => page.map((line) => ({ ...line, pageIndex })));
  if (lines.length === 0) return '';
  const layout = measureLayout(lines);
  const paragraphs: string[] = [];
  let current = '';
  lines.forEach((line, index) => {
    const previous = index > 0 ? lines[index - 1] : undefined;
    const text = line.text.trim();
    if (previous === undefined || startsParagraph(previous, line, layout)) {
      if (current.length > 0) paragraphs.push(current);
      current = text;
    } else {
      current = joinText(current, text);
    }
  });
  if (current.length > 0) paragraphs.push(current);
  return paragraphs.join('\n');
}

interface Layout {
  left: number;
  right: number;
  lineGap: number;
  /** How far short of the right margin a line must end to count as a paragraph's last line, in font sizes. */
  shortLineEms: number;
}

type PagedLine = PdfLine & { pageIndex: number };

// Paragraph spacing shows as a baseline gap this much larger than the usual one.
const paragraphGapFactor = 1.45;

function startsParagraph(previous: PagedLine, line: PagedLine, layout: Layout): boolean {
  const size = Math.max(line.size, 1);
  if (line.x > layout.left + 0.8 * size) return true;
  if (Math.abs(previous.size - line.size) > 0.15 * size) return true;
  if (previous.pageIndex === line.pageIndex && previous.y - line.y > paragraphGapFactor * layout.lineGap) return true;
  // A line that stops early ends its paragraph only if it ends a sentence or is clearly short (a heading): layouts
  // that cannot break inside "（2005-2020年）" leave ordinary lines several characters short too.
  const shortfall = layout.right - previous.right;
  if (shortfall <= layout.shortLineEms * size) return false;
  const veryShort = previous.right - layout.left < 0.6 * (layout.right - layout.left);
  return veryShort || /[。！？!?；;：:…]$/.test(previous.text);
}

// Margins and line spacing are taken from the whole document, so a short last page does not skew them.
function measureLayout(lines: readonly PagedLine[]): Layout {
  const left = mode(lines.map((line) => Math.round(line.x)));
  const right = percentile(lines.map((line) => line.right), 0.9);
  const gaps: number[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const previous = lines[index - 1];
    const line = lines[index];
    if (previous && line && previous.pageIndex === line.pageIndex && previous.y > line.y) gaps.push(previous.y - line.y);
  }
  const lineGap = gaps.length > 0 ? percentile(gaps, 0.5) : Math.max(...lines.map((line) => line.size)) * 1.5;
  // Where indentation or spacing marks paragraphs, a line must stop well short to end one on its own.
  const indented = lines.filter((line) => line.x > left + 0.8 * line.size).length;
  const spaced = gaps.filter((gap) => gap > paragraphGapFactor * lineGap).length;
  const marked = indented + spaced >= Math.max(1, lines.length * 0.03);
  return { left, right, lineGap, shortLineEms: marked ? 3 : 1.5 };
}

function joinText(before: string, after: string): string {
  const last = before.at(-1) ?? '';
  const next = after[0] ?? '';
  // Only Latin words need a space back; Chinese and numbers wrap without one.
  return /[A-Za-z,.;:!?)]/.test(last) && /[A-Za-z(]/.test(next) ? `${before} ${after}` : before + after;
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
