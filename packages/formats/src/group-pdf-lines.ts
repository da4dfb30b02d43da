// Groups the positioned text runs of one PDF page into lines, top to bottom, left to right.
import type { PdfLine } from './pdf-line.js';

export interface PdfTextRun {
  str: string;
  /** pdf.js text matrix [a, b, c, d, x, y]. */
  transform: number[];
  width: number;
}

/** Lines of the page; rotated runs (diagonal watermarks, vertical margins) are left out. */
export function groupPdfLines(runs: readonly PdfTextRun[]): PdfLine[] {
  const placed = runs
    .filter((run) => run.str.trim().length > 0)
    .map((run) => {
      const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = run.transform;
      // Indentation typed as leading spaces ("　　") still moves the visible text right.
      const leading = run.str.length - run.str.trimStart().length;
      return { text: run.str, x: x + (run.width * leading) / run.str.length, y, right: x + run.width, size: Math.hypot(a, b), horizontal: Math.abs(b) < 1e-3 * Math.abs(a) && Math.abs(c) < 1e-3 * Math.abs(d) && a > 0 };
    })
    .filter((run) => run.horizontal && run.size > 0)
    .sort((first, second) => second.y - first.y || first.x - second.x);

  const lines: (typeof placed)[] = [];
  for (const run of placed) {
    const current = lines.at(-1);
    const anchor = current?.[0];
    if (current && anchor && Math.abs(anchor.y - run.y) <= 0.4 * Math.max(anchor.size, run.size)) current.push(run);
    else lines.push([run]);
  }

  return lines.map((line) => {
    line.sort((first, second) => first.x - second.x);
    let text = '';
    let right = -Infinity;
    for (const run of line) {
      const gap = run.x - right;
      // A wide gap separates table cells or tab stops even between Chinese characters.
      if (text.length > 0 && ((gap > 0.3 * run.size && needsSpace(text, run.text)) || gap > 1.5 * run.size)) text += ' ';
      text += run.text;
      right = Math.max(right, run.right);
    }
    const first = line[0];
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      x: first?.x ?? 0,
      right,
      y: first?.y ?? 0,
      size: Math.max(...line.map((run) => run.size)),
    };
  });
}

// Chinese has no spaces between words, so a gap between two CJK runs is layout, not a word boundary.
function needsSpace(before: string, after: string): boolean {
  const last = before.at(-1) ?? ' ';
  const next = after[0] ?? ' ';
  if (/\s/.test(last) || /\s/.test(next)) return false;
  return !(isWide(last) || isWide(next));
}

function isWide(char: string): boolean {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(char);
}
