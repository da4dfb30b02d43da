// Splits an answer into text and citation markers, so markers render as buttons and text stays text.
// The marker forms are the answer package's (its dependency-free citation-markers export): [1], [1][2], [1,2], [1、2], ［1］.
import { DISPLAYED_CITATION_MARKER, displayedMarkerNumbers } from '@report-qa/answer/citation-markers';

export type AnswerSegment = { kind: 'text'; text: string } | { kind: 'marker'; n: number };

/** Markers whose number is not a known citation stay plain text. */
export function splitAnswer(answer: string, known: ReadonlySet<number>): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  const pushText = (text: string) => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += text;
    else segments.push({ kind: 'text', text });
  };
  let from = 0;
  for (const match of answer.matchAll(DISPLAYED_CITATION_MARKER)) {
    const numbers = displayedMarkerNumbers(match[1]!);
    pushText(answer.slice(from, match.index));
    if (numbers.every((n) => known.has(n))) for (const n of numbers) segments.push({ kind: 'marker', n });
    else pushText(match[0]);
    from = match.index + match[0].length;
  }
  pushText(answer.slice(from));
  return segments;
}
