// The stream reducer: deltas append, a replace withdraws what was shown and the fallback streams from its start.
import type { Citation } from '@report-qa/schema';
import { describe, expect, it } from 'vitest';
import { applyStreamEvent, type StreamedEvent } from './apply-stream-event.js';
import type { Turn } from './use-conversation.js';

const citation = (n: number, quote: string): Citation => ({
  n, chunkId: `c${n}`, docId: 'd', source: 's.txt', title: null, region: '海东市', year: 2020, sectionPath: '', quote, start: 0, end: quote.length,
});

const fresh: Turn = {
  id: 1, question: 'q', filters: {}, removed: [], understood: null, scope: null, citations: [], answer: '', result: null,
  status: 'waiting', error: null, firstDeltaMs: null,
};

function run(events: StreamedEvent[]): Turn {
  let elapsed = 0;
  return events.reduce((turn, event) => ({ ...turn, ...applyStreamEvent(turn, event, () => (elapsed += 10)) }), fresh);
}

describe('applyStreamEvent', () => {
  it('appends deltas and times the first one', () => {
    const turn = run([
      { event: 'citations', data: { citations: [citation(1, '收到93件')] } },
      { event: 'delta', data: { text: '海东市收到93件[1]。' } },
      { event: 'delta', data: { text: '另有说明。' } },
    ]);
    expect(turn).toMatchObject({ answer: '海东市收到93件[1]。另有说明。', status: 'streaming', firstDeltaMs: 10 });
  });

  it('on replace, drops the text shown so far and takes the fallback’s citations; later deltas start the answer anew', () => {
    const fallback = [citation(1, '全年共收到行政复议申请93件')];
    const turn = run([
      { event: 'citations', data: { citations: [citation(1, 'x'), citation(2, 'y')] } },
      { event: 'delta', data: { text: '海东市收到93件[1]。' } },
      { event: 'replace', data: { notice: '（大模型的回答中断。以上内容作废，以下为根据报告原文的摘录式回答。）', mode: 'extractive', citations: fallback } },
      { event: 'delta', data: { text: '全年共收到行政复议申请93件[1]。' } },
    ]);
    expect(turn.answer).toBe('全年共收到行政复议申请93件[1]。');
    expect(turn.citations).toEqual(fallback);
    expect(turn.firstDeltaMs).toBe(10);
  });
});
