// The library: every report with its metadata, upload of new reports and deletion.
import type { DocumentSummary } from '@report-qa/schema';
import { useRef, useState } from 'preact/hooks';
import { deleteDocument, uploadDocuments } from './api-client.js';
import { describeError } from './api-request-error.js';
import { documentLabel, levelLabels } from './document-label.js';
import { CancelledError, type WithKey } from './use-api-key-prompt.js';

interface LibraryViewProps {
  documents: readonly DocumentSummary[] | null;
  loadError: string | null;
  withKey: WithKey;
  reload: () => Promise<void>;
  onOpen: (docId: string) => void;
}

function uploadedCount(response: unknown, fallback: number): number {
  if (Array.isArray(response)) return response.length;
  const documents = (response as { documents?: unknown } | null)?.documents;
  return Array.isArray(documents) ? documents.length : fallback;
}

export function LibraryView({ documents, loadError, withKey, reload, onOpen }: LibraryViewProps) {
  const [files, setFiles] = useState<File[]>([]);
  const [working, setWorking] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const run = async (operation: () => Promise<string>) => {
    setWorking(true);
    setMessage(null);
    try {
      setMessage({ text: await operation(), error: false });
    } catch (error) {
      if (!(error instanceof CancelledError)) setMessage({ text: describeError(error), error: true });
    } finally {
      setWorking(false);
    }
  };

  const upload = () =>
    run(async () => {
      const response = await withKey(() => uploadDocuments(files));
      setFiles([]);
      if (inputRef.current) inputRef.current.value = '';
      await reload();
      return `已上传并索引 ${uploadedCount(response, files.length)} 份报告`;
    });

  const remove = (document: DocumentSummary) => {
    if (!window.confirm(`确定从资料库删除《${documentLabel(document)}》吗？`)) return;
    void run(async () => {
      await withKey(() => deleteDocument(document.id));
      await reload();
      return `已删除《${documentLabel(document)}》`;
    });
  };

  return (
    <section class="library" aria-label="报告库">
      <form
        class="upload"
        onSubmit={(event) => {
          event.preventDefault();
          if (files.length > 0) void upload();
        }}
      >
        <h2 class="upload-title">上传报告</h2>
        <p class="hint">可一次选择多个文件：TXT、Markdown、HTML、PDF、Word（.docx）。</p>
        <div class="row">
          {/* The native input stays focusable; its browser-language button text is replaced by the label. */}
          <input
            id="upload-files"
            class="visually-hidden"
            ref={inputRef}
            type="file"
            multiple
            onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
          />
          <label for="upload-files" class="file-button">
            选择文件…
          </label>
          <span class="file-names">{files.length === 0 ? '未选择文件' : `已选 ${files.length} 个：${files.map((file) => file.name).join('、')}`}</span>
          <button type="submit" class="primary" disabled={working || files.length === 0}>
            {working ? '处理中…' : '上传'}
          </button>
        </div>
      </form>
      <p class={message?.error ? 'note error' : 'note'} role="status" hidden={!message}>
        {message?.text}
      </p>

      {loadError && <p class="note error">{loadError}</p>}
      {documents && (
        <>
          <h2 class="library-count">共 {documents.length} 份报告</h2>
          <ul class="documents">
            {documents.map((document) => (
              <li key={document.id} class="document">
                <h3>{documentLabel(document)}</h3>
                <dl>
                  <div><dt>地区</dt><dd>{document.region ?? '—'}</dd></div>
                  <div><dt>级别</dt><dd>{document.level ? levelLabels[document.level] : '—'}</dd></div>
                  <div><dt>年度</dt><dd>{document.year ?? '—'}</dd></div>
                  <div><dt>文号</dt><dd>{document.docNumber ?? '—'}</dd></div>
                  <div><dt>发布日期</dt><dd>{document.publishedAt ?? '—'}</dd></div>
                  <div><dt>段落</dt><dd>{document.passages}</dd></div>
                  <div class="wide"><dt>文件</dt><dd>{document.source}</dd></div>
                </dl>
                <div class="row">
                  <button type="button" class="small" onClick={() => onOpen(document.id)}>
                    查看原文
                  </button>
                  <button type="button" class="small danger" disabled={working} onClick={() => remove(document)}>
                    删除
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
