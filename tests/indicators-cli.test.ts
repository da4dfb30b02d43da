// `report-qa indicators` through the built CLI: the table as text, JSON (the API's shape) and CSV with a BOM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indicatorsResponseSchema } from '@report-qa/schema';
import { runCli } from './support/library-index.js';
import { reportsDir } from './support/start-server.js';

const root = mkdtempSync(join(tmpdir(), 'report-qa-indicators-cli-'));
const env = { DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index'), REPORTS_DIR: reportsDir, EMBEDDING_PROVIDER: 'none' };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report-qa indicators', () => {
  it('prints the JSON table of the sample reports', async () => {
    const result = await runCli(['indicators', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const table = indicatorsResponseSchema.parse(JSON.parse(result.stdout));
    expect(table.rows).toHaveLength(5);
    expect(table.rows.find((row) => row.region === '西宁市')?.values.legal_advisers).toMatchObject({ value: 236, text: '236 名' });
  });

  it('prints CSV with a BOM, filtered by region', async () => {
    const result = await runCli(['indicators', '--csv', '--region', '西宁市'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith('\uFEFF报告,地区,年度,')).toBe(true);
    expect(result.stdout.trimEnd().split('\r\n')).toHaveLength(2);
    expect(result.stdout).toContain('全市 236 名政府法律顾问');
  });

  it('prints a readable table, 报告未提及 for what a report does not state', async () => {
    const result = await runCli(['indicators', '--year', '2017'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('西宁市城东区 2017');
    expect(result.stdout).toContain('行政诉讼胜诉率：78.9 %');
    expect(result.stdout).toContain('行政机关负责人出庭应诉率：报告未提及');
  });

  it('refuses --csv with --json', async () => {
    const result = await runCli(['indicators', '--csv', '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('只能选一个');
  });
});
