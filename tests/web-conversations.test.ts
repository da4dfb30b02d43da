// Conversations that last, answer actions, feedback and review, and the cleaned source view: real Chromium against the real server.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

interface LoggedAnswerWire {
  id: string;
  question: string;
  rating: 'up' | 'down' | null;
  comment: string | null;
  channel: string;
}
interface CitationWire {
  n: number;
  docId: string;
  source: string;
  quote: string;
  start: number;
  end: number;
}

const API_KEY = 'e2e-conversations-key';
const HAIDONG = '海东市2020年收到多少件行政复议申请？';
const XINING = '西宁市2022年印发了什么行政执法能力提升方案？';
const XINING_REPORT = '003_489c9a6769333a9e.txt';
/** A space between two Chinese characters, as PDF and OCR leave them (「实施方 案」). */
const splitWord = /[\u4e00-\u9fff] [\u4e00-\u9fff]/;
const artifacts = join(repositoryRoot, 'test-artifacts');
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Whitespace and markdown markers, which the source view leaves out. */
const squeeze = (text: string) => text.replace(/[\s*_#>]/g, '');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(repositoryRoot, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `npm run build` first');
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ env: { API_KEYS: API_KEY } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: launchArgs });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function answersFromApi(query: string): Promise<LoggedAnswerWire[]> {
  const response = await fetch(`${server.url}/api/answers?${query}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { answers: LoggedAnswerWire[] }).answers;
}

/** Asks through the question box and waits for the answer. */
async function ask(page: Page, question: string) {
  const turns = await page.locator('.turn').count();
  // Enter on the box itself: focus may still be on its way back from a dialog that just closed.
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  const turn = page.locator('.turn').nth(turns);
  await expect.poll(() => turn.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
  return turn;
}

/** Waits until the conversation on screen is all in storage (the app's data-unsaved): a reload before would lose it. */
async function saved(page: Page) {
  await expect.poll(() => page.locator('section.chat').getAttribute('data-unsaved'), { timeout: 30_000 }).toBe('false');
}

/** The document's width is the viewport's: nothing sticks out sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

describe('conversations in chromium', () => {
  it('keeps the conversation over a reload, lists it in the history, opens, renames and deletes (desktop)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    const first = await ask(page, HAIDONG);
    const answer = await first.locator('.answer-text').textContent();
    const firstId = await first.getAttribute('data-answer-id');
    expect(firstId).toBeTruthy();

    await saved(page);
    await page.reload();
    await expect.poll(() => page.locator('.turn').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('.turn .question').first().textContent()).toContain(HAIDONG);
    expect(await page.locator('.turn .answer-text').first().textContent()).toBe(answer);
    expect(await page.locator('.turn').first().getAttribute('data-answer-id')).toBe(firstId);

    // A new conversation, then back to the older one from the history.
    await page.click('.composer-actions button:has-text("新对话")');
    await expect.poll(() => page.locator('.turn').count()).toBe(0);
    await ask(page, '西宁市2022年行政复议工作有哪些做法？');
    await page.click('.chat-tools button:has-text("历史对话")');
    const drawer = page.locator('dialog.drawer[open]');
    await drawer.waitFor();
    await expect.poll(() => drawer.locator('.history-item').count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'conversations-desktop-history.png') });

    const older = drawer.locator('.history-item', { hasText: HAIDONG.slice(0, 10) });
    await older.locator('button:has-text("重命名")').click();
    await drawer.locator('.rename-form input').fill('海东复议申请');
    await drawer.locator('.rename-form button[type=submit]').click();
    await expect.poll(() => drawer.locator('.history-title').allTextContents()).toContain('海东复议申请');
    await drawer.locator('.history-item', { hasText: '海东复议申请' }).locator('.history-open').click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.turn .question').first().textContent()).toContain(HAIDONG);
    expect(await page.locator('.turn').count()).toBe(1);

    // Delete the other conversation.
    await page.click('.chat-tools button:has-text("历史对话")');
    page.once('dialog', (dialog) => void dialog.accept());
    await drawer.locator('.history-item', { hasText: '西宁市2022年行政复议' }).locator('button.danger').click();
    await expect.poll(() => drawer.locator('.history-item').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes 👎 with a comment to the log, regenerates, edits and asks again, answers a suggestion, exports Markdown (desktop)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    const turn = await ask(page, HAIDONG);
    const answerId = (await turn.getAttribute('data-answer-id'))!;

    await turn.locator('button[aria-label="没有帮助"]').click();
    await turn.locator('.feedback-form textarea').fill('希望同时给出办结数量');
    await turn.locator('.feedback-form button[type=submit]').click();
    await turn.locator('text=已收到评价和说明').waitFor();
    const down = await answersFromApi('rating=down');
    expect(down.find((item) => item.id === answerId)).toMatchObject({ rating: 'down', comment: '希望同时给出办结数量', channel: 'web', question: HAIDONG });

    // A suggested next question, checked by the API, answers.
    await expect.poll(() => turn.locator('.suggestion').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const suggestion = (await turn.locator('.suggestion').first().textContent())!;
    await turn.locator('.suggestion').first().click();
    const suggested = page.locator('.turn').nth(1);
    await expect.poll(() => suggested.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await suggested.locator('.question').textContent()).toContain(suggestion);
    expect(await suggested.locator('.answer.not-found').count()).toBe(0);
    expect(await suggested.locator('.sources .source').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'conversations-desktop-actions.png'), fullPage: true });

    // Regenerate: the same turn is answered again (a new answer id), nothing else changes.
    const before = await suggested.getAttribute('data-answer-id');
    await suggested.locator('button.regenerate').click();
    await expect
      .poll(async () => (await suggested.getAttribute('data-status')) === 'done' && ![null, before].includes(await suggested.getAttribute('data-answer-id')), { timeout: 120_000 })
      .toBe(true);
    const regenerated = await suggested.getAttribute('data-answer-id');
    expect(await page.locator('.turn').count()).toBe(2);
    expect(await page.locator('.turn').first().getAttribute('data-answer-id')).toBe(answerId);
    expect((await answersFromApi('limit=50')).some((item) => item.id === regenerated && item.question === suggestion)).toBe(true);

    // Export, while both turns are there: the Markdown holds the questions and numbered sources with their quotes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.chat-tools button:has-text("导出 Markdown")')]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain(`## 问：${HAIDONG}`);
    expect(markdown).toContain(`## 问：${suggestion}`);
    expect(markdown).toContain('## 参考来源');
    const logged = (await (await fetch(`${server.url}/api/answers/${answerId}`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { citations: CitationWire[] };
    // The exact quote, as the report has it.
    expect(markdown).toContain(`> ${logged.citations[0]!.quote.trim().split('\n')[0]!.trim()}`);
    expect(markdown).toMatch(/\[1\]/);
    expect(markdown).toMatch(/^1\. 《.+》 · .+/m);

    // Edit the first question and ask again from there: the later turn goes.
    await page.locator('.turn').first().locator('button.edit-question').click();
    await page.locator('.turn').first().locator('.edit-form textarea').fill('海东市2020年行政复议案件审结了多少件？');
    await page.locator('.turn').first().locator('.edit-form button[type=submit]').click();
    await expect.poll(() => page.locator('.turn').count()).toBe(1);
    await expect.poll(() => page.locator('.turn').first().getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await page.locator('.turn .question').first().textContent()).toContain('审结了多少件');
    expect(await page.locator('.turn').first().getAttribute('data-answer-id')).not.toBe(answerId);
    await context.close();
  });

  it('shows the 西宁 report without ** and with joined words, the highlight exactly the quote; steps through citations; keeps focus inside', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    const turn = await ask(page, XINING);
    // The answer as the server gave it, from the query log.
    const answerId = await turn.getAttribute('data-answer-id');
    const response = await fetch(`${server.url}/api/answers/${answerId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const done = (await response.json()) as { citations: CitationWire[] };
    const fromXining = done.citations.filter((citation) => citation.source === XINING_REPORT);
    const marked = fromXining.find((citation) => citation.quote.includes('**') || splitWord.test(citation.quote)) ?? fromXining[0];
    expect(marked, 'the answer cites the 西宁 report').toBeDefined();
    const report = (await (await fetch(`${server.url}/api/documents/${marked!.docId}`)).json()) as { original: string };
    expect(report.original).toContain('**');
    expect(report.original).toMatch(splitWord);

    await turn.locator('.sources .source').nth(done.citations.indexOf(marked!)).click();
    const viewer = page.locator('dialog.viewer[open]');
    const mark = viewer.locator('mark');
    await mark.waitFor({ timeout: 30_000 });
    const shown = (await viewer.locator('.original').textContent())!;
    expect(shown).not.toContain('**');
    expect(shown).not.toMatch(splitWord);
    expect(shown).toContain('实施方案');
    // The highlight is original.slice(start, end), shown without markers and stray spaces.
    expect(Number(await mark.getAttribute('data-start'))).toBe(marked!.start);
    expect(Number(await mark.getAttribute('data-end'))).toBe(marked!.end);
    const highlighted = (await mark.textContent())!;
    expect(highlighted).not.toContain('**');
    expect(highlighted).not.toMatch(splitWord);
    expect(squeeze(highlighted)).toBe(squeeze(marked!.quote));
    await page.screenshot({ path: join(artifacts, 'conversations-desktop-source-xining.png') });

    // Focus stays in the dialog however often Tab is pressed.
    for (let press = 0; press < 12; press += 1) {
      await page.keyboard.press(press % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
    }

    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // Previous and next step through an answer's citations, across reports.
    const compare = await ask(page, '西宁和海西在行政执法三项制度上各有什么做法？');
    const compared = (await (
      await fetch(`${server.url}/api/answers/${await compare.getAttribute('data-answer-id')}`, { headers: { authorization: `Bearer ${API_KEY}` } })
    ).json()) as { citations: CitationWire[] };
    expect(compared.citations.length).toBeGreaterThan(1);
    await compare.locator('.sources .source').first().click();
    await mark.waitFor({ timeout: 30_000 });
    expect(await viewer.locator('button:has-text("上一条引文")').isDisabled()).toBe(true);
    for (const next of compared.citations.slice(1)) {
      await viewer.locator('button:has-text("下一条引文")').click();
      await expect.poll(() => mark.getAttribute('data-start'), { timeout: 30_000 }).toBe(String(next.start));
      expect(squeeze((await mark.textContent())!)).toBe(squeeze(next.quote));
    }
    expect(await viewer.locator('button:has-text("下一条引文")').isDisabled()).toBe(true);
    await viewer.locator('button:has-text("上一条引文")').click();
    await expect.poll(() => mark.getAttribute('data-start')).toBe(String(compared.citations.at(-2)!.start));
    await page.screenshot({ path: join(artifacts, 'conversations-desktop-source-steps.png') });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await page.close();
  });

  it('opens the review page with the key: filters 👎, opens an answer and its source', async () => {
    // An answer rated down, as a user would through the API.
    const json = { 'content-type': 'application/json' };
    const asked = (await (await fetch(`${server.url}/api/ask`, { method: 'POST', headers: json, body: JSON.stringify({ question: HAIDONG }) })).json()) as { id: string };
    const rated = await fetch(`${server.url}/api/feedback`, { method: 'POST', headers: json, body: JSON.stringify({ answerId: asked.id, rating: 'down', comment: '希望同时给出办结数量' }) });
    expect(rated.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/#/review`);
    await page.locator('#api-key').waitFor();
    await page.fill('#api-key', API_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.log-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.selectOption('.review-filters select >> nth=0', 'down');
    await expect.poll(async () => (await page.locator('.log-row').count()) > 0 && (await page.locator('.log-row:not([data-rating="down"])').count()) === 0).toBe(true);
    const row = page.locator('.log-row', { hasText: HAIDONG }).first();
    await row.locator('.log-head').click();
    await row.locator('.log-comment', { hasText: '希望同时给出办结数量' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'review-desktop.png'), fullPage: true });
    await row.locator('.sources .source').first().click();
    await page.locator('dialog.viewer[open] mark').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');

    // A follow-up shows the turns before it.
    const history = [{ role: 'user', content: HAIDONG }, { role: 'assistant', content: '全年共收到行政复议申请93件。' }];
    await fetch(`${server.url}/api/ask`, { method: 'POST', headers: json, body: JSON.stringify({ question: '那审结了多少件？', history }) });
    await page.selectOption('.review-filters select >> nth=0', '');
    const followUp = page.locator('.log-row', { hasText: '那审结了多少件？' });
    await followUp.locator('.log-head').click();
    await followUp.locator('.log-history summary').click();
    expect(await followUp.locator('.log-history li').allTextContents()).toEqual([`问：${HAIDONG}`, '答：全年共收到行政复议申请93件。']);

    // By channel and by day.
    await page.selectOption('.review-filters select >> nth=0', '');
    await page.selectOption('.review-filters select >> nth=1', 'api');
    await expect.poll(async () => (await page.locator('.log-row').count()) > 0 && (await page.locator('.log-meta:not(:has-text("API"))').count()) === 0).toBe(true);
    await page.selectOption('.review-filters select >> nth=1', '');
    await page.fill('.review-filters input[type=date]', '2020-01-01');
    await expect.poll(() => page.locator('.log-row').count()).toBe(0);
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    await page.fill('.review-filters input[type=date]', today);
    await expect.poll(() => page.locator('.log-row').count()).toBeGreaterThan(0);

    await page.check('.review-filters input[type=checkbox]');
    await page.selectOption('.review-filters select >> nth=0', '');
    await expect.poll(() => page.locator('.log-row:not([data-not-found])').count()).toBe(0);
    expect(await page.locator('.review .library-count').textContent()).toMatch(/共 \d+ 条/);
    await page.close();
  });

  it('works at 375 px: the history is a drawer, actions and review fit the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(server.url);
    const turn = await ask(page, HAIDONG);
    await saved(page);
    await page.reload();
    await expect.poll(() => page.locator('.turn').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => turn.locator('.suggestion').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(await fitsWidth(page)).toBe(true);
    const actions = await page.locator('.turn-actions').first().boundingBox();
    expect(actions!.x + actions!.width).toBeLessThanOrEqual(375.5);
    await page.screenshot({ path: join(artifacts, 'conversations-375-answer.png'), fullPage: true });

    await page.click('.chat-tools button:has-text("历史对话")');
    const drawer = page.locator('dialog.drawer[open]');
    await drawer.waitFor();
    const box = (await drawer.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375.5);
    expect(await drawer.locator('.history-item').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(artifacts, 'conversations-375-history.png') });
    await drawer.locator('.history-open').first().click();
    await drawer.waitFor({ state: 'detached' });

    await page.goto(`${server.url}/#/review`);
    await page.locator('#api-key').waitFor();
    await page.fill('#api-key', API_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.log-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'review-375.png'), fullPage: true });
    await page.close();
  });
});
