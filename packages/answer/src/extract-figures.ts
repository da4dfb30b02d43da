// Arabic-numeral figures in a text, whitespace-insensitive, so answers can be checked against their quotes.
import { normalizeText } from './normalize-text.js';

// A citation marker such as [3] or 【3】 is not a figure of the answer.
const markerPattern = /\[\d+\]|【\d+】/gu;
// Thousands separators inside a figure (1,234) are part of it; a comma elsewhere separates clauses.
const figurePattern = /\d+(?:,\d{3})*(?:\.\d+)?/gu;

/** Figures (digit runs with decimals) in the text, citation markers excluded, in order of appearance. */
export function extractFigures(text: string): string[] {
  const normalized = normalizeText(text).replace(markerPattern, ' ');
  return [...normalized.matchAll(figurePattern)].map((match) => match[0].replace(/,/gu, ''));
}

/** Figures of `text` that appear in none of the `quotes` (compared as whole figures, whitespace ignored). */
export function figuresMissingFrom(text: string, quotes: readonly string[]): string[] {
  const available = new Set(quotes.flatMap((quote) => extractFigures(quote)));
  const missing: string[] = [];
  for (const figure of extractFigures(text)) {
    if (!available.has(figure) && !missing.includes(figure)) missing.push(figure);
  }
  return missing;
}
