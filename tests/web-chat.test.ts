// The web app in a real browser against the real server: streamed answer, citation, highlighted source, 375 px, library.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

interface CitationWire {
  n: number;
  docId: string;
  quote: string;
  start: number;
  end: number;
}
interface AskResultWire {
  answer: string;
  citations: CitationWire[];
  notFound: boolean;
}

const API_KEY = 'e2e-web-key';
const QUESTION = '海东市2020年收到多少件行政复议申请？';
const artifacts = join(repositoryRoot, 'test-artifacts');
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let server: RunningServer;
let browser: Browser;
const timings: Record<string, number> = {};

beforeAll(async () => {
  if (!existsSync(join(repositoryRoot, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `npm run build` first');
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ env: { API_KEYS: API_KEY } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: launchArgs });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (Object.keys(timings).length > 0) writeFileSync(join(artifacts, 'web-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
});

/** Keeps a copy of every /api/ask response body in the page, as the browser received it. */
async function recordAskStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const records: { contentType: string; body: Promise<string> }[] = [];
    (window as unknown as { __askStreams: typeof records }).__askStreams = records;
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith('/api/ask')) {
        records.push({ contentType: response.headers.get('content-type') ?? '', body: response.clone().text() });
      }
      return response;
    };
  });
}

/** Asks through the question box; returns the final answer as the server streamed it. */
async function ask(page: Page, question: string): Promise<{ result: AskResultWire; contentType: string; firstDeltaMs: number }> {
  const turns = await page.locator('.turn').count();
  // Enter on the box itself: focus may still be on its way back from a dialog that just closed.
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  const turn = page.locator('.turn').nth(turns);
  await expect.poll(() => turn.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
  const { contentType, body } = await page.evaluate(async () => {
    const records = (window as unknown as { __askStreams: { contentType: string; body: Promise<string> }[] }).__askStreams;
    const last = records[records.length - 1]!;
    return { contentType: last.contentType, body: await last.body };
  });
  const done = /event: done\r?\ndata: (.*)\r?\n/.exec(body);
  expect(done, `no done event in the stream:\n${body.slice(0, 500)}`).not.toBeNull();
  return { result: JSON.parse(done![1]!) as AskResultWire, contentType, firstDeltaMs: Number(await turn.getAttribute('data-first-delta-ms')) };
}

/** Opens the source of the answer's first marker; checks the highlighted text is the citation's quote. */
async function openFirstCitation(page: Page, result: AskResultWire, turnIndex: number): Promise<void> {
  const marker = page.locator('.turn').nth(turnIndex).locator('.answer .marker').first();
  const n = Number(await marker.textContent());
  const citation = result.citations.find((candidate) => candidate.n === n);
  expect(citation, `marker ${n} has no citation`).toBeDefined();
  await marker.click();
  const mark = page.locator('dialog.viewer[open] mark');
  await mark.waitFor({ timeout: 30_000 });
  expect(await mark.textContent()).toBe(citation!.quote);
  // Scrolled to the passage: the highlight is inside the visible part of the text pane.
  await expect
    .poll(async () => {
      const [markBox, paneBox] = await Promise.all([mark.boundingBox(), page.locator('dialog.viewer .viewer-body').boundingBox()]);
      return !!markBox && !!paneBox && markBox.y < paneBox.y + paneBox.height && markBox.y + Math.min(markBox.height, 40) > paneBox.y;
    })
    .toBe(true);
}

async function closeViewer(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('dialog.viewer').waitFor({ state: 'detached' });
}

describe('web chat in chromium', () => {
  it('streams a cited answer and opens the source with the quote highlighted (desktop)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await recordAskStreams(page);
    await page.goto(server.url);
    // The selectors are filled from /api/documents.
    await expect.poll(() => page.locator('.filters select').first().locator('option').count()).toBeGreaterThan(1);

    const { result, contentType, firstDeltaMs } = await ask(page, QUESTION);
    expect(contentType).toContain('text/event-stream');
    expect(result.notFound).toBe(false);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(firstDeltaMs).toBeGreaterThan(0);
    timings.desktopFirstDeltaMs = firstDeltaMs;

    const answer = page.locator('.turn .answer-text').first();
    // The answer shown is the streamed answer: every piece of text between markers is there.
    const shown = (await page.locator('.turn .answer-text').first().textContent())!;
    for (const piece of result.answer.split(/[[［]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]］]/)) expect(shown).toContain(piece.trim());
    expect(await page.locator('.turn .answer .marker').count()).toBeGreaterThan(0);
    expect(await page.locator('.sources .source').count()).toBe(result.citations.length);
    // A figure in the answer comes from a cited quote.
    const figures = result.answer.match(/\d+(?:\.\d+)?/g) ?? [];
    expect(figures.some((figure) => result.citations.some((citation) => citation.quote.includes(figure)))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'web-desktop-answer.png'), fullPage: true });

    await openFirstCitation(page, result, 0);
    await page.screenshot({ path: join(artifacts, 'web-desktop-source.png') });
    await closeViewer(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 375 px wide screen: nothing cut off, source readable', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await recordAskStreams(page);
    await page.goto(server.url);
    const { result, firstDeltaMs } = await ask(page, QUESTION);
    timings.mobileFirstDeltaMs = firstDeltaMs;

    const overflow = await page.evaluate(() => {
      const width = window.innerWidth;
      const selectors = ['header.top', '.filters', '.question', '.chips', '.answer', '.sources', '.source', '.composer', '#question', '.composer-actions button'];
      const outside = selectors.flatMap((selector) =>
        [...document.querySelectorAll(selector)].flatMap((element) => {
          const box = element.getBoundingClientRect();
          return box.left < -0.5 || box.right > width + 0.5 ? [`${selector}: ${Math.round(box.left)}..${Math.round(box.right)}`] : [];
        }),
      );
      return { scrollWidth: document.scrollingElement!.scrollWidth, width, outside };
    });
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
    expect(overflow.outside).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'web-375-answer.png'), fullPage: true });

    await openFirstCitation(page, result, 0);
    const dialog = await page.locator('dialog.viewer').boundingBox();
    expect(dialog!.x).toBeGreaterThanOrEqual(0);
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(375.5);
    await page.screenshot({ path: join(artifacts, 'web-375-source.png') });
    await closeViewer(page);

    // The library's cards and upload form fit as well.
    await page.click('nav a[href="#/library"]');
    await page.locator('.document').first().waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(artifacts, 'web-375-library.png'), fullPage: true });
    await page.close();
  });

  it('lists the library, asks for the API key on upload, then uploads and deletes a report', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/#/library`);
    const listed = (await (await fetch(`${server.url}/api/documents`)).json()) as unknown[];
    await expect.poll(() => page.locator('.document').count()).toBe(listed.length);

    const report = [
      '测试县人民政府关于2023年法治政府建设情况的报告',
      '',
      '一、主要工作',
      '（一）推进依法行政。全年审查规范性文件12件，办理行政复议案件7件。',
      '（二）加强执法监督。开展行政执法案卷评查，评查案卷45卷。',
      '二、存在的问题',
      '法治宣传教育的针对性还需加强。',
    ].join('\n');
    await page.setInputFiles('#upload-files', [{ name: 'e2e-测试县2023.txt', mimeType: 'text/plain', buffer: Buffer.from(report) }]);
    await page.click('.upload button[type=submit]');
    // No key yet: the API answers 401 and the app asks for one.
    await page.locator('#api-key').waitFor();
    await page.fill('#api-key', API_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.document').count(), { timeout: 120_000 }).toBe(listed.length + 1);
    const uploaded = page.locator('.document', { hasText: 'e2e-测试县2023.txt' });
    expect(await uploaded.count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await uploaded.locator('button.danger').click();
    await expect.poll(() => page.locator('.document').count(), { timeout: 60_000 }).toBe(listed.length);
    await page.close();
  });
});
