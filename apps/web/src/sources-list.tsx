// The passages an answer cites: report, section path and quote (shown cleaned); each opens the report's text.
import type { Citation } from '@report-qa/schema';
import { describeCitation, uploadLabel } from './describe-citation.js';
import { displayOriginal } from './display-original.js';

interface SourcesListProps {
  citations: readonly Citation[];
  onOpen: (citation: Citation) => void;
}

/** The quote as the source view shows it: no markdown markers, no OCR spaces, page breaks joined. */
const shownQuote = (quote: string) => displayOriginal(quote).text.replace(/\n+/g, '');

export function SourcesList({ citations, onOpen }: SourcesListProps) {
  if (citations.length === 0) return null;
  return (
    <section class="sources" aria-label="引用来源">
      <h3>来源</h3>
      <ol>
        {citations.map((citation) => (
          <li key={citation.n}>
            <button type="button" class="source" onClick={() => onOpen(citation)} aria-label={`来源 ${citation.n}：${describeCitation(citation)}${uploadLabel(citation)}，查看原文`}>
              <span class="source-head">
                <span class="source-n">{citation.n}</span>
                <span class="source-doc">{describeCitation(citation)}{uploadLabel(citation)}</span>
              </span>
              {citation.sectionPath && <span class="source-section">{citation.sectionPath}</span>}
              <span class="source-quote">{shownQuote(citation.quote)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
