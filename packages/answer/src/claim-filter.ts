// Holds streamed LLM text until a sentence is complete (with the markers that follow it), then lets it out only if it passes its check.
import type { ClaimProblem, ClaimVerdict } from './check-claim.js';
import { CITATION_MARKER } from './citation-markers.js';

export interface ClaimFilter {
  /** Checked text that may be shown now (whole sentences; '' while a sentence is still coming). */
  push(piece: string): string;
  /** The last sentence, checked, once the stream has ended. */
  flush(): string;
  /** Sentences removed so far, with why. */
  readonly removed: { text: string; problem: ClaimProblem }[];
}

const terminators = /[。！？!?；;\n]/u;
const closers = new Set(['”', '’', '"', "'", '）', ')', '」', '』', '》']);
const marker = new RegExp(String.raw`^\s*(?:${CITATION_MARKER.source})`, 'u');
// What may still grow into a marker (a prefix of CITATION_MARKER): wait for it rather than cut the sentence from its source.
const partialMarker = /^\s*(?:\[\d*|【\d*)?$/u;

/** The length of the first complete sentence of `text`, or 0 when it may still go on (unless `final`). */
function sentenceEnd(text: string, final: boolean): number {
  const found = terminators.exec(text);
  if (!found) return final ? text.length : 0;
  let end = found.index + 1;
  if (found[0] === '\n') return end;
  while (end < text.length && closers.has(text[end]!)) end += 1;
  for (;;) {
    const rest = text.slice(end);
    const next = marker.exec(rest);
    if (next) {
      end += next[0].length;
      continue;
    }
    if (!final && partialMarker.test(rest)) return 0;
    return end;
  }
}

export function createClaimFilter(check: (sentence: string) => ClaimVerdict): ClaimFilter {
  let held = '';
  const removed: { text: string; problem: ClaimProblem }[] = [];
  const release = (final: boolean): string => {
    let out = '';
    for (;;) {
      const end = sentenceEnd(held, final);
      if (end === 0 || held === '') return out;
      const sentence = held.slice(0, end);
      held = held.slice(end);
      if (sentence.trim() === '') {
        out += sentence;
        continue;
      }
      const verdict = check(sentence);
      if (verdict.kept) out += verdict.text;
      else removed.push({ text: verdict.text, problem: verdict.problem });
    }
  };
  return {
    removed,
    push(piece) {
      held += piece;
      return release(false);
    },
    flush() {
      return release(true);
    },
  };
}
