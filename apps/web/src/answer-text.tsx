// An answer as text nodes with clickable [n] markers; nothing is ever parsed as HTML.
import type { Citation } from '@report-qa/schema';
import { useMemo } from 'preact/hooks';
import { describeCitation } from './describe-citation.js';
import { splitAnswer } from './split-answer.js';

interface AnswerTextProps {
  answer: string;
  citations: readonly Citation[];
  onOpen: (citation: Citation) => void;
}

export function AnswerText({ answer, citations, onOpen }: AnswerTextProps) {
  const byNumber = useMemo(() => new Map(citations.map((citation) => [citation.n, citation])), [citations]);
  const segments = useMemo(() => splitAnswer(answer, new Set(byNumber.keys())), [answer, byNumber]);
  return (
    <>
      {segments.map((segment, index) => {
        if (segment.kind === 'text') return segment.text;
        const citation = byNumber.get(segment.n)!;
        return (
          <button
            key={index}
            type="button"
            class="marker"
            aria-label={`来源 ${segment.n}：${describeCitation(citation)}，查看原文`}
            onClick={() => onOpen(citation)}
          >
            {segment.n}
          </button>
        );
      })}
    </>
  );
}
