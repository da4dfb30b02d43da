// GET /api/indicators (JSON), /api/indicators.csv and /api/indicators.xlsx: the indicator table of the library.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { buildIndicatorResponse, createIndicatorTable, IndicatorError, indicatorsCsv, indicatorsXlsx, loadIndicatorDefinitions, type IndicatorDefinition, type IndicatorFilter } from '@report-qa/indicators';
import { indicatorsQuerySchema, indicatorsResponseSchema, type IndicatorsQuery } from '@report-qa/schema';
import type { AppConfig } from '../config/config.js';
import type { Library } from '@report-qa/library';
import { bodyResponse, errorResponse } from './openapi-responses.js';
import { allValues } from './query-schema.js';
import { validationHook } from './validation-hook.js';

const FILE_NAME = encodeURIComponent('法治政府建设指标');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ?region=…&year=…, each repeatable: one value is a list of one.
const filtered = { method: 'get' as const, tags: ['指标'], request: { query: allValues(indicatorsQuerySchema) } };
const badQuery = { 400: errorResponse('查询参数有误') };

const tableRoute = createRoute({
  ...filtered,
  path: '/indicators',
  summary: '指标表：每份报告一行，每项指标（默认 12 项，可由 INDICATORS_FILE 自定义）一个数值及其原文引文，报告未提及为 null',
  responses: { 200: { description: '指标表', content: { 'application/json': { schema: indicatorsResponseSchema } } }, ...badQuery },
});
const csvRoute = createRoute({
  ...filtered,
  path: '/indicators.csv',
  summary: '指标表 CSV（UTF-8 带 BOM；每项指标一列数值、一列原文）',
  responses: { 200: bodyResponse('CSV', 'text/csv'), ...badQuery },
});
const xlsxRoute = createRoute({
  ...filtered,
  path: '/indicators.xlsx',
  summary: '指标表 Excel（工作表「指标」为数值，「原文」为引文）',
  responses: { 200: bodyResponse('XLSX', XLSX, z.string().openapi({ format: 'binary' })), ...badQuery },
});

/** The office's own indicator list when INDICATORS_FILE is set, else the bundled one; a bad file stops the start. */
export function indicatorDefinitions(config: Pick<AppConfig, 'indicatorsFile'>): IndicatorDefinition[] | undefined {
  if (!config.indicatorsFile) return undefined;
  try {
    return loadIndicatorDefinitions(config.indicatorsFile);
  } catch (error) {
    if (error instanceof IndicatorError) throw new Error(`指标定义文件 INDICATORS_FILE 无效：${error.message}`, { cause: error });
    throw error;
  }
}

export function createIndicatorRoutes({ library, definitions }: { library: Library; definitions?: readonly IndicatorDefinition[] | undefined }) {
  const table = createIndicatorTable(definitions ? { definitions } : {});
  const response = (query: IndicatorsQuery) => buildIndicatorResponse(library.searcher, table, toFilter(query));
  const download = (extension: string) => `attachment; filename="indicators.${extension}"; filename*=UTF-8''${FILE_NAME}.${extension}`;
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(tableRoute, (c) => c.json(response(c.req.valid('query')), 200))
    .openapi(csvRoute, (c) => {
      c.header('Content-Disposition', download('csv'));
      return c.body(indicatorsCsv(response(c.req.valid('query'))), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .openapi(xlsxRoute, async (c) => {
      const workbook = await indicatorsXlsx(response(c.req.valid('query')));
      c.header('Content-Disposition', download('xlsx'));
      return c.body(new Uint8Array(workbook), 200, { 'Content-Type': XLSX });
    });
}

function toFilter(query: IndicatorsQuery): IndicatorFilter {
  return { regions: query.region ?? [], years: query.year ?? [] };
}
