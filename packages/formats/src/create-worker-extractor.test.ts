// extractReport in a worker thread: the same text as on this thread, errors that keep their code, and time and memory limits. Needs the package built (the worker runs dist/extract-worker.js).
import { describe, expect, it } from 'vitest';
import { createWorkerExtractor } from './create-worker-extractor.js';
import { extractReport } from './extract-report.js';
import { FormatError } from './format-error.js';
import { makeDocx, makeTextBombDocx, readSampleReport, reportParagraphs } from './testing/index.js';

const paragraphs = reportParagraphs(readSampleReport('000_2c522bdb5677e79f.txt'));

async function refusal(promise: Promise<unknown>): Promise<FormatError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FormatError);
  return error as FormatError;
}

describe('createWorkerExtractor', () => {
  it('gives the same report as extractReport on this thread', async () => {
    const docx = await makeDocx(paragraphs, paragraphs[1]);
    expect(await createWorkerExtractor()(docx, { filename: 'a.docx' })).toEqual(await extractReport(docx, { filename: 'a.docx' }));
  });

  it('passes the character limit to the worker and brings its error back with code and Chinese message', async () => {
    const error = await refusal(createWorkerExtractor({ limits: { maxCharacters: 1000 } })(await makeDocx(paragraphs)));
    expect(error.code).toBe('TEXT_TOO_LONG');
    expect(error.name).toBe('TextTooLongError');
    expect(error.userMessage).toMatch(/超过每份报告 1000 字的上限/);
  });

  it('applies the character limit to plain text, which stays on this thread', async () => {
    const error = await refusal(createWorkerExtractor({ limits: { maxCharacters: 1000 }, timeoutMs: 1 })(new TextEncoder().encode(paragraphs.join('\n'))));
    expect(error.code).toBe('TEXT_TOO_LONG');
  });

  it('terminates a worker past its time limit', async () => {
    const error = await refusal(createWorkerExtractor({ timeoutMs: 1 })(await makeDocx(paragraphs)));
    expect(error.code).toBe('EXTRACTION_LIMIT');
    expect(error.userMessage).toMatch(/秒仍未完成/);
  });

  it('stops a worker that needs more memory than allowed, and the next extraction works', async () => {
    const extract = createWorkerExtractor({ maxMemoryMb: 48, limits: { maxCharacters: 100_000_000 } });
    const error = await refusal(extract(await makeTextBombDocx(6_700_000)));
    expect(error.code).toBe('EXTRACTION_LIMIT');
    expect(error.userMessage).toMatch(/内存超过 48 MB/);
    expect((await extract(await makeDocx(paragraphs))).text).toContain(paragraphs[4]!);
  });
});

describe('concurrency', () => {
  it('runs at most `concurrency` workers at once: a small file waits for the big one before it', async () => {
    const big = await makeTextBombDocx(2_000_000);
    const small = await makeDocx(paragraphs.slice(0, 5));
    const finished: string[] = [];
    const extract = createWorkerExtractor({ concurrency: 1, limits: { maxCharacters: 100_000_000 } });
    await Promise.all([extract(big).then(() => finished.push('big')), extract(small).then(() => finished.push('small'))]);
    expect(finished).toEqual(['big', 'small']);
  });
});
