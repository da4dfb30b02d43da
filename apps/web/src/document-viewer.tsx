// A report's original text in a dialog, scrolled to the cited passage with the quote in <mark>.
import type { DocumentDetail } from '@report-qa/schema';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './api-request-error.js';
import { documentLabel, levelLabels } from './document-label.js';
import { Modal } from './modal.js';

export interface ViewerTarget {
  docId: string;
  /** The cited passage, when opened from a citation. */
  passage?: { n: number; start: number; end: number; quote: string; sectionPath: string };
}

interface DocumentViewerProps {
  target: ViewerTarget;
  load: (id: string) => Promise<DocumentDetail>;
  onClose: () => void;
}

/** The passage's offsets, or where the quote really is should the offsets not match it. */
function locate(original: string, passage: NonNullable<ViewerTarget['passage']>): [number, number] | null {
  if (original.slice(passage.start, passage.end) === passage.quote) return [passage.start, passage.end];
  const at = original.indexOf(passage.quote);
  return at === -1 ? null : [at, at + passage.quote.length];
}

export function DocumentViewer({ target, load, onClose }: DocumentViewerProps) {
  const [document, setDocument] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    setDocument(null);
    setError(null);
    load(target.docId).then(
      (loaded) => live && setDocument(loaded),
      (failure) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [target.docId, load]);

  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center' });
  }, [document, target]);

  const range = document && target.passage ? locate(document.original, target.passage) : null;
  const meta = document
    ? [
        document.region,
        document.level && levelLabels[document.level],
        document.year && `${document.year}年`,
        document.docNumber,
        document.publishedAt && `发布于 ${document.publishedAt}`,
      ].filter(Boolean)
    : [];

  return (
    <Modal label="报告原文" className="viewer" onClose={onClose}>
      <header class="viewer-head">
        <div class="viewer-title">
          <h2>{document ? documentLabel(document) : '报告原文'}</h2>
          {meta.length > 0 && <p class="meta">{meta.join(' · ')}</p>}
          {target.passage?.sectionPath && <p class="meta">引文 {target.passage.n}：{target.passage.sectionPath}</p>}
        </div>
        <button type="button" class="close" onClick={onClose} aria-label="关闭原文">
          关闭
        </button>
      </header>
      <div class="viewer-body" tabIndex={0} aria-label="原文内容">
        {error && <p class="note error">{error}</p>}
        {!document && !error && <p class="waiting">正在加载原文…</p>}
        {document && target.passage && !range && <p class="note warn">未能在原文中定位此引文。</p>}
        {document &&
          (range ? (
            <div class="original">
              {document.original.slice(0, range[0])}
              <mark ref={markRef}>{document.original.slice(range[0], range[1])}</mark>
              {document.original.slice(range[1])}
            </div>
          ) : (
            <div class="original">{document.original}</div>
          ))}
      </div>
    </Modal>
  );
}
