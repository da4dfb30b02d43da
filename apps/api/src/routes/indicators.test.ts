// /api/indicators over the sample library: the table, its filters, and the CSV and XLSX downloads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDetailSchema, indicatorsResponseSchema, type IndicatorsResponse } from '@report-qa/schema';
import { createApp } from './app.js';
import { indicatorDefinitions } from './indicators.js';
import { loadConfig, repositoryRoot } from '../config/config.js';
import { createEngine, type Engine } from '../config/engine.js';
import { createLogger } from '../config/logger.js';

const indexDir = mkdtempSync(join(tmpdir(), 'report-qa-indicators-'));
let engine: Engine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const config = loadConfig({
    INDEX_DIR: indexDir,
    REPORTS_DIR: join(repositoryRoot, 'data/reports'),
    EMBEDDING_PROVIDER: 'none',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  engine = await createEngine(config, { ensureIndex: true });
  app = createApp({ config, logger: createLogger(config), library: engine.library, answerer: engine.answerer });
});

afterAll(async () => {
  await engine?.close();
  rmSync(indexDir, { recursive: true, force: true });
});

const table = async (query = ''): Promise<IndicatorsResponse> => {
  const response = await app.request(`/api/indicators${query}`);
  expect(response.status).toBe(200);
  return indicatorsResponseSchema.parse(await response.json());
};

describe('GET /api/indicators', () => {
  it('gives every report a row with every indicator, each value quoting its document exactly', async () => {
    const body = await table();
    expect(body.indicators).toHaveLength(12);
    expect(body.indicators[0]).toMatchObject({ key: 'reconsideration_received', unit: '件' });
    expect(body.rows).toHaveLength(5);
    for (const row of body.rows) {
      expect(Object.keys(row.values)).toEqual(body.indicators.map((indicator) => indicator.key));
      const document = documentDetailSchema.parse(await (await app.request(`/api/documents/${row.documentId}`)).json());
      for (const value of Object.values(row.values)) if (value) expect(document.original.slice(value.start, value.end)).toBe(value.quote);
    }
    const haidong = body.rows.find((row) => row.region === '海东市');
    expect(haidong?.values.reconsideration_received).toMatchObject({ value: 93, unit: '件' });
    expect(haidong?.values.head_appearance_rate?.value).toBe(60.23);
    expect(haidong?.values.litigation_win_rate).toBeNull();
  });

  it('filters by region and year, each repeatable', async () => {
    expect((await table('?region=海东市')).rows.map((row) => row.year)).toEqual([2020]);
    expect((await table('?year=2020')).rows).toHaveLength(2);
    expect((await table('?region=海东市&region=西宁市')).rows).toHaveLength(2);
    expect((await table('?region=海东市&year=2021')).rows).toHaveLength(0);
  });

  it('answers a bad year with a Chinese validation error', async () => {
    const response = await app.request('/api/indicators?year=去年');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.message).toContain('年份');
  });
});

describe('OpenAPI', () => {
  it('documents the three indicator endpoints', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/indicators', '/api/indicators.csv', '/api/indicators.xlsx']));
  });
});

describe('downloads', () => {
  it('CSV is UTF-8 with a BOM, a value and a quote column per indicator', async () => {
    const response = await app.request('/api/indicators.csv?year=2020');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^报告,地区,年度,行政复议收案数（件）,行政复议收案数·原文,/u);
    const haidong = lines.find((line) => line.includes('海东市')) ?? '';
    expect(haidong).toContain(',93,');
    expect(haidong).toContain('全年共收到行政复议申请93件');
    expect(haidong).toContain('报告未提及');
  });

  it('XLSX has a sheet of numbers and a sheet of quotes', async () => {
    const response = await app.request('/api/indicators.xlsx');
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzip(Buffer.from(await response.arrayBuffer()));
    expect(files.get('xl/workbook.xml')).toMatch(/name="指标".*name="原文"/su);
    const sheets = [...files.keys()].filter((name) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(2);
    const everything = [...files.values()].join('\n');
    expect(everything).toContain('全年共收到行政复议申请93件');
    expect(everything).toContain('60.23');
  });
});

/** The text files of a ZIP archive, read from its central directory (stored or deflated entries). */
function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let offset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(offset + 10);
  offset = zip.readUInt32LE(offset + 16);
  for (let entry = 0; entry < count; entry += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const skip = nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(offset + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + skip;
  }
  return files;
}

describe('INDICATORS_FILE', () => {
  it('serves an office\'s own indicator list instead of the bundled one', async () => {
    const file = join(indexDir, 'own-indicators.json');
    const hotline = { key: 'hotline_calls', name: '热线来电数', unit: '件', kind: 'count', definition: '12345热线受理的群众来电数。', synonyms: ['群众来电'], actions: ['受理'], units: ['件'] };
    writeFileSync(file, JSON.stringify({ indicators: [hotline] }));
    const config = loadConfig({ INDEX_DIR: indexDir, EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'silent', INDICATORS_FILE: file });
    const own = createApp({ config, logger: createLogger(config), library: engine.library, answerer: engine.answerer });
    const body = indicatorsResponseSchema.parse(await (await own.request('/api/indicators?region=海东市')).json());
    expect(body.indicators.map((indicator) => indicator.key)).toEqual(['hotline_calls']);
    expect(body.rows[0]?.values.hotline_calls).toMatchObject({ value: 30384, text: '30384件' });
  });

  it('stops with a Chinese message naming the variable when the file is invalid', () => {
    const file = join(indexDir, 'bad-indicators.json');
    writeFileSync(file, JSON.stringify({ indicators: [{ key: 'Bad Key' }] }));
    expect(() => indicatorDefinitions({ indicatorsFile: file })).toThrow(/指标定义文件 INDICATORS_FILE 无效/u);
  });
});
