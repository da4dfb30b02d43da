// The [n] markers of an answer (and the full-width 【n】 an LLM may write): one pattern for every check.

/** A citation marker; group 1 or 2 is its number. Global: use with replace or matchAll only. */
export const CITATION_MARKER = /\[(\d+)\]|【(\d+)】/gu;

/** The numbers of the markers in a text, each once, in ascending order. */
export function markerNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CITATION_MARKER)].map((match) => Number(match[1] ?? match[2])))].sort((a, b) => a - b);
}
