// The 指标 tab in a real browser against the real server, at 1280 px and 375 px: a cell opens its quote highlighted,
// a null cell says 报告未提及, the table scrolls sideways with the report column fixed, and the CSV download is UTF-8.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

const artifacts = join(repositoryRoot, 'test-artifacts');
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const withoutSpaces = (text: string | null) => (text ?? '').replace(/\s+/gu, '');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ env: { EMBEDDING_PROVIDER: 'none' } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: launchArgs });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openTab(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/indicators`);
  await page.locator('.indicators-table tbody tr').first().waitFor();
  expect(await page.locator('.indicators-table tbody tr').count()).toBe(5);
  expect(await page.locator('.indicators-table thead th').count()).toBe(13);
}

const cell = (page: Page, region: string, key: string) =>
  page
    .locator('.indicators-table tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^\\s*${region}(?:\\s|$)`, 'u') }) })
    .locator(`td[data-key="${key}"]`);

/** Clicks a value and checks the source viewer shows its quote highlighted and in view, then closes it. */
async function openValue(page: Page, region: string, key: string, quote: string, screenshot: string): Promise<void> {
  await cell(page, region, key).locator('button').click();
  const mark = page.locator('dialog[open] mark');
  await mark.waitFor();
  expect(withoutSpaces(await mark.textContent())).toContain(quote);
  await expect.poll(() => mark.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight + 1;
  })).toBe(true);
  await page.screenshot({ path: join(artifacts, screenshot) });
  await page.locator('dialog[open] button.close').click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => undefined);
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
}

describe('the 指标 tab', () => {
  it('at 1280 px: cells open their quotes, null cells say 报告未提及, charts describe their figures', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openTab(page);
    await expect.poll(() => page.locator('nav a[href="#/indicators"]').getAttribute('aria-current')).toBe('page');
    expect(withoutSpaces(await cell(page, '海东市', 'reconsideration_received').textContent())).toBe('93件');
    expect(await cell(page, '海东市', 'litigation_win_rate').textContent()).toBe('报告未提及');
    await openValue(page, '海东市', 'reconsideration_received', '全年共收到行政复议申请93件', 'indicators-1280-source.png');
    await openValue(page, '西宁市城东区', 'litigation_win_rate', '胜诉率78.9%', 'indicators-1280-source-2.png');
    const chart = page.locator('.indicator-chart[data-key="head_appearance_rate"] svg[role="img"]');
    expect(await chart.getAttribute('aria-label')).toMatch(/海东市 60\.23%.*西宁市 84\.6%/u);

    await page.selectOption('.indicators-filters select >> nth=1', '2020');
    await expect.poll(() => page.locator('.indicators-table tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'indicators-1280.png'), fullPage: true });
    await page.close();
  });

  it('at 375 px: the table scrolls sideways inside its box with the report column fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await openTab(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const scroller = page.locator('.indicators-scroll');
    expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    const header = page.locator('.indicators-table tbody th').first();
    const before = await header.boundingBox();
    await scroller.evaluate((element) => element.scrollTo({ left: 600 }));
    await expect.poll(() => scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    const after = await header.boundingBox();
    expect(after?.x).toBeCloseTo(before?.x ?? -1, 0);
    await page.screenshot({ path: join(artifacts, 'indicators-375.png') });
    await cell(page, '西宁市', 'legal_advisers').locator('button').scrollIntoViewIfNeeded();
    await openValue(page, '西宁市', 'legal_advisers', '全市236名政府法律顾问', 'indicators-375-source.png');
    await page.close();
  });

  it('draws a line across years for a region with several reports', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The samples have one report per region: the server's table gets a second 海东市 year on its way to the page.
    await page.route('**/api/indicators', async (route) => {
      const response = await route.fetch();
      const table = (await response.json()) as { rows: { region: string | null; year: number | null; documentId: string; values: Record<string, { value: number } | null> }[] };
      const haidong = table.rows.find((row) => row.region === '海东市')!;
      const later = structuredClone(haidong);
      later.year = 2021;
      later.documentId = `${haidong.documentId}-2021`;
      later.values.reconsideration_received!.value = 120;
      table.rows.push(later);
      await route.fulfill({ response, json: table });
    });
    await page.goto(`${server.url}/#/indicators`);
    const charts = page.locator('.indicator-chart[data-key="reconsideration_received"] svg[role="img"]');
    await expect.poll(() => charts.count()).toBe(2);
    expect(await charts.nth(1).getAttribute('aria-label')).toBe('行政复议收案数按年度：海东市 2020年 93件、2021年 120件');
    expect(await page.locator('.indicator-chart[data-key="litigation_win_rate"] svg[role="img"]').count()).toBe(1);
    await page.locator('.indicator-chart[data-key="reconsideration_received"]').screenshot({ path: join(artifacts, 'indicators-line.png') });
    await page.close();
  });

  it('downloads the CSV as UTF-8 with a BOM', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await openTab(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('法治政府建设指标.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.split('\r\n')[0]).toContain('行政复议收案数（件）');
    expect(text).toContain('全年共收到行政复议申请93件');
    await page.close();
  });
});
