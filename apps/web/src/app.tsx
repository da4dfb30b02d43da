// The app shell: header with the two views (问答, 报告库), the status badge, the source viewer and key prompt.
import type { Citation, DocumentDetail, DocumentSummary, Health } from '@report-qa/schema';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getDocument, getHealth, listDocuments } from './api-client.js';
import { describeError } from './api-request-error.js';
import { ChatView } from './chat-view.js';
import { DocumentViewer, type ViewerTarget } from './document-viewer.js';
import { IndicatorsTab } from './indicators-tab.js';
import { LibraryView } from './library-view.js';
import { ReviewTab } from './review-tab.js';
import { StatusBadge } from './status-badge.js';
import { useApiKeyPrompt } from './use-api-key-prompt.js';

type View = 'chat' | 'library' | 'indicators' | 'review';
const viewFromHash = (): View => (location.hash === '#/library' ? 'library' : location.hash === '#/indicators' ? 'indicators' : location.hash === '#/review' ? 'review' : 'chat');

export function App() {
  const [view, setView] = useState<View>(viewFromHash);
  const { withKey, dialog } = useApiKeyPrompt();
  const [health, setHealth] = useState<Health | null>(null);
  const [healthError, setHealthError] = useState<string | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [documentsError, setDocumentsError] = useState<string | null>(null);
  const [target, setTarget] = useState<ViewerTarget | null>(null);
  const cache = useRef(new Map<string, Promise<DocumentDetail>>());

  const reload = useCallback(async () => {
    try {
      setDocuments(await withKey(listDocuments));
      setDocumentsError(null);
    } catch (error) {
      setDocumentsError(`无法加载报告列表：${describeError(error)}`);
    }
    cache.current.clear();
    getHealth().then(
      (loaded) => (setHealth(loaded), setHealthError(null)),
      (error) => setHealthError(describeError(error)),
    );
  }, [withKey]);

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    addEventListener('hashchange', onHash);
    void reload();
    return () => removeEventListener('hashchange', onHash);
  }, [reload]);

  const load = useCallback(
    (id: string) => {
      let pending = cache.current.get(id);
      if (!pending) {
        pending = withKey(() => getDocument(id));
        cache.current.set(id, pending);
        pending.catch(() => cache.current.delete(id));
      }
      return pending;
    },
    [withKey],
  );

  const openCitation = useCallback((citation: Citation, siblings: readonly Citation[] = [citation]) => {
    const passage = ({ docId, n, start, end, quote, sectionPath }: Citation) => ({ docId, n, start, end, quote, sectionPath });
    setTarget({ docId: citation.docId, passage: passage(citation), passages: siblings.map(passage) });
  }, []);

  return (
    <>
      <header class="top">
        <h1>报告问答</h1>
        <nav aria-label="主导航">
          <a href="#/" aria-current={view === 'chat' ? 'page' : undefined}>
            问答
          </a>
          <a href="#/library" aria-current={view === 'library' ? 'page' : undefined}>
            报告库
          </a>
          <a href="#/indicators" aria-current={view === 'indicators' ? 'page' : undefined}>
            指标
          </a>
          <a href="#/review" aria-current={view === 'review' ? 'page' : undefined}>
            问答记录
          </a>
        </nav>
        <StatusBadge health={health} error={healthError} />
      </header>
      <main>
        <div hidden={view !== 'chat'}>
          <ChatView documents={documents ?? []} withKey={withKey} onOpen={openCitation} />
        </div>
        <div hidden={view !== 'library'}>
          <LibraryView
            documents={documents}
            loadError={documentsError}
            withKey={withKey}
            reload={reload}
            onOpen={(docId) => setTarget({ docId })}
          />
        </div>
        <div hidden={view !== 'review'}>
          <ReviewTab active={view === 'review'} withKey={withKey} onOpen={openCitation} />
        </div>
        <div hidden={view !== 'indicators'}>
          <IndicatorsTab active={view === 'indicators'} revision={documents} withKey={withKey} openSource={setTarget} />
        </div>
      </main>
      {target && <DocumentViewer target={target} load={load} onClose={() => setTarget(null)} />}
      {dialog}
    </>
  );
}
