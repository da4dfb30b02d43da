// The review page (behind the API key): the query log with filters, each row opening the answer and its sources.
import type { AnswersPage, Citation, LoggedAnswer } from '@report-qa/schema';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { answersQuery, exportAnswers, listAnswers } from './api-client.js';
import { describeError } from './api-request-error.js';
import { AnswerText } from './answer-text.js';
import { downloadFile } from './download-file.js';
import './review-view.css';
import { SourcesList } from './sources-list.js';
import type { WithKey } from './use-api-key-prompt.js';

export interface ReviewViewProps {
  /** Loads only while shown: the log needs a key, asked for when the page is opened. */
  active: boolean;
  withKey: WithKey;
  onOpen: (citation: Citation, siblings: readonly Citation[]) => void;
}

const PAGE = 20;
const channelLabels: Record<LoggedAnswer['channel'], string> = { web: '网页', api: 'API', openai: 'OpenAI 兼容', wechat: '公众号', wecom: '企业微信' };

interface Filters {
  rating: '' | 'up' | 'down';
  notFound: boolean;
  channel: '' | LoggedAnswer['channel'];
  day: string;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00`) + 86_400_000);
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function queryOf(filters: Filters, offset: number): string {
  return answersQuery({
    rating: filters.rating,
    notFound: filters.notFound ? 'true' : undefined,
    channel: filters.channel,
    // The day in the reviewer's time zone.
    since: filters.day ? new Date(`${filters.day}T00:00:00`).toISOString() : undefined,
    until: filters.day ? nextDay(filters.day).toISOString() : undefined,
    limit: PAGE,
    offset,
  });
}

export function ReviewView({ active, withKey, onOpen }: ReviewViewProps) {
  const [filters, setFilters] = useState<Filters>({ rating: '', notFound: false, channel: '', day: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AnswersPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const change = (next: Partial<Filters>) => {
    setFilters({ ...filters, ...next });
    setOffset(0);
  };

  const reload = useCallback(async () => {
    try {
      setPage(await withKey(() => listAnswers(queryOf(filters, offset))));
      setError(null);
    } catch (failure) {
      setError(`无法加载问答记录：${describeError(failure)}`);
    }
  }, [filters, offset, withKey]);

  useEffect(() => {
    if (active) void reload();
  }, [active, reload]);

  const download = async () => {
    try {
      const blob = await withKey(() => exportAnswers(queryOf(filters, 0)));
      downloadFile(`answers-${new Date().toISOString().slice(0, 10)}.jsonl`, blob);
    } catch (failure) {
      setError(`导出失败：${describeError(failure)}`);
    }
  };

  return (
    <section class="review" aria-label="问答记录">
      <form class="filters review-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          评价
          <select value={filters.rating} onChange={(event) => change({ rating: event.currentTarget.value as Filters['rating'] })}>
            <option value="">全部</option>
            <option value="down">👎 没有帮助</option>
            <option value="up">👍 有帮助</option>
          </select>
        </label>
        <label>
          渠道
          <select value={filters.channel} onChange={(event) => change({ channel: event.currentTarget.value as Filters['channel'] })}>
            <option value="">全部</option>
            {Object.entries(channelLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          日期
          <input type="date" value={filters.day} onInput={(event) => change({ day: event.currentTarget.value })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.notFound} onChange={(event) => change({ notFound: event.currentTarget.checked })} />
          仅看未找到
        </label>
        <div class="row">
          <button type="button" class="small" onClick={() => void reload()}>
            刷新
          </button>
          <button type="button" class="small" onClick={download} disabled={!page || page.total === 0}>
            导出评测集（JSONL）
          </button>
        </div>
      </form>
      {error && (
        <p class="note error" role="alert">
          {error}
        </p>
      )}
      {page && (
        <p class="library-count" role="status">
          共 {page.total} 条{page.total > 0 ? `，第 ${offset + 1}–${offset + page.answers.length} 条` : ''}
        </p>
      )}
      <ul class="answer-log">
        {page?.answers.map((answer) => (
          <li key={answer.id} class="log-row" data-rating={answer.rating ?? undefined} data-not-found={answer.notFound || undefined}>
            <button type="button" class="log-head" aria-expanded={openId === answer.id} onClick={() => setOpenId(openId === answer.id ? null : answer.id)}>
              <span class="log-question">{answer.question}</span>
              <span class="log-meta">
                {when(answer.createdAt)} · {channelLabels[answer.channel]} · {answer.mode === 'llm' ? '大模型' : '摘录'} · {Math.round(answer.latencyMs)} ms
                {answer.notFound && <span class="tag warn">未找到</span>}
                {answer.rating && <span class={`tag ${answer.rating}`}>{answer.rating === 'down' ? '👎' : '👍'}</span>}
              </span>
            </button>
            {openId === answer.id && (
              <div class="log-detail">
                {answer.history.length > 0 && (
                  <details class="log-history">
                    <summary>前文（{Math.ceil(answer.history.length / 2)} 轮）</summary>
                    <ol>
                      {answer.history.map((turn, index) => (
                        <li key={index}>
                          {turn.role === 'user' ? '问：' : '答：'}
                          {turn.content}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
                {answer.rewrittenQuestion !== answer.question && <p class="understood">按此理解：{answer.rewrittenQuestion}</p>}
                {answer.comment && <p class="log-comment">用户说明：{answer.comment}</p>}
                <div class={`answer${answer.notFound ? ' not-found' : ''}`}>
                  <p class="answer-text">
                    <AnswerText answer={answer.answer} citations={answer.citations} onOpen={(citation) => onOpen(citation, answer.citations)} />
                  </p>
                </div>
                <SourcesList citations={answer.citations} onOpen={(citation) => onOpen(citation, answer.citations)} />
                <p class="hint">编号 {answer.id}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
      {page && page.total > PAGE && (
        <nav class="row pager" aria-label="翻页">
          <button type="button" class="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            上一页
          </button>
          <button type="button" class="small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            下一页
          </button>
        </nav>
      )}
    </section>
  );
}
