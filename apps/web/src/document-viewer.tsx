// A report's text in a dialog, cleaned for reading, scrolled to the cited passage in <mark>, with previous/next citation.
import type { DocumentDetail } from '@report-qa/schema';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError } from './api-request-error.js';
import { displayOriginal, displayRange } from './display-original.js';
import { documentLabel, levelLabels } from './document-label.js';
import { Modal } from './modal.js';

export interface ViewerPassage {
  docId: string;
  n: number;
  start: number;
  end: number;
  quote: string;
  sectionPath: string;
}

export interface ViewerTarget {
  docId: string;
  /** The cited passage, when opened from a citation. */
  passage?: ViewerPassage;
  /** The answer's citations in order, for 上一条/下一条 (the passage is one of them). */
  passages?: readonly ViewerPassage[];
}

interface DocumentViewerProps {
  target: ViewerTarget;
  load: (id: string) => Promise<DocumentDetail>;
  onClose: () => void;
}

/** The passage's offsets, or where the quote really is should the offsets not match it. */
function locate(original: string, passage: ViewerPassage): [number, number] | null {
  if (original.slice(passage.start, passage.end) === passage.quote) return [passage.start, passage.end];
  const at = original.indexOf(passage.quote);
  return at === -1 ? null : [at, at + passage.quote.length];
}

export function DocumentViewer({ target, load, onClose }: DocumentViewerProps) {
  const passages = target.passages ?? (target.passage ? [target.passage] : []);
  const [index, setIndex] = useState(() => Math.max(0, passages.findIndex((item) => item.n === target.passage?.n && item.docId === target.passage?.docId)));
  const passage = target.passage ? passages[index] : undefined;
  const docId = passage?.docId ?? target.docId;
  const [document, setDocument] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    setDocument((shown) => (shown?.id === docId ? shown : null));
    setError(null);
    load(docId).then(
      (loaded) => live && setDocument(loaded),
      (failure) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [docId, load]);

  const shown = useMemo(() => (document ? displayOriginal(document.original) : null), [document]);
  const range = document && shown && passage && document.id === passage.docId ? locate(document.original, passage) : null;
  const marked = shown && range ? displayRange(shown, range[0], range[1]) : null;

  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center' });
  }, [shown, marked?.[0], marked?.[1]]);

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
          {passage?.sectionPath && (
            <p class="meta">
              引文 {passage.n}：{passage.sectionPath}
            </p>
          )}
        </div>
        <button type="button" class="close" onClick={onClose} aria-label="关闭原文">
          关闭
        </button>
      </header>
      {passage && passages.length > 1 && (
        <nav class="viewer-nav" aria-label="引文切换">
          <button type="button" class="small" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            ‹ 上一条引文
          </button>
          <span class="meta" aria-live="polite">
            引文 {index + 1} / {passages.length}
          </span>
          <button type="button" class="small" disabled={index === passages.length - 1} onClick={() => setIndex(index + 1)}>
            下一条引文 ›
          </button>
        </nav>
      )}
      <div class="viewer-body" tabIndex={0} aria-label="原文内容">
        {error && <p class="note error">{error}</p>}
        {!document && !error && <p class="waiting">正在加载原文…</p>}
        {document && passage && !marked && <p class="note warn">未能在原文中定位此引文。</p>}
        {shown &&
          (marked && range ? (
            <div class="original">
              {shown.text.slice(0, marked[0])}
              <mark ref={markRef} data-start={range[0]} data-end={range[1]}>
                {shown.text.slice(marked[0], marked[1])}
              </mark>
              {shown.text.slice(marked[1])}
            </div>
          ) : (
            <div class="original">{shown.text}</div>
          ))}
      </div>
    </Modal>
  );
}
