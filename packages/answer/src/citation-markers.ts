// The [n] markers of an answer: the forms the answer checks count, and the wider forms the web app shows as links.
// No imports: the web app bundles this file (`@report-qa/answer/citation-markers`).

/**
 * A citation marker as the answerer writes it, [n], or the full-width 【n】 an LLM may write (normalised to [n]
 * before the answer is given); group 1 or 2 is its number. Every answer check counts these and only these.
 * Global: use with replace or matchAll only.
 */
export const CITATION_MARKER = /\[(\d+)\]|【(\d+)】/gu;

/** The numbers of the markers in a text, each once, in ascending order. */
export function markerNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CITATION_MARKER)].map((match) => Number(match[1] ?? match[2])))].sort((a, b) => a - b);
}

/**
 * A marker as a reader may meet it in an answer shown: [1], [1][2], and also a list ([1,2], [1、2]) or full-width
 * brackets (［1］), as models and older answers write them; group 1 is the list of numbers (see displayedMarkerNumbers).
 * Wider than CITATION_MARKER on purpose: showing such a marker as links to sources the answer lists is harmless, while
 * counting it in the checks would change what an answer is judged to cite. Global: use with replace or matchAll only.
 */
export const DISPLAYED_CITATION_MARKER = /[[［]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］]/g;

/** The numbers of a DISPLAYED_CITATION_MARKER match (its group 1), in the order written. */
export function displayedMarkerNumbers(list: string): number[] {
  return list.split(/[,，、]/).map((part) => Number(part.trim()));
}
