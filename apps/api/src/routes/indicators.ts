// GET /api/indicators (JSON), /api/indicators.csv and /api/indicators.xlsx: the indicator table of the library.
import { Hono, type Context } from 'hono';
import { buildIndicatorResponse, createIndicatorTable, IndicatorError, indicatorsCsv, indicatorsXlsx, loadIndicatorDefinitions, type IndicatorDefinition, type IndicatorFilter } from '@report-qa/indicators';
import { indicatorsQuerySchema } from '@report-qa/schema';
import { ApiError } from '../api-error.js';
import type { AppConfig } from '../config.js';
import type { Library } from '@report-qa/library';

const FILE_NAME = encodeURIComponent('法治政府建设指标');

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
  const response = (c: Context) => buildIndicatorResponse(library.searcher, table, readFilter(c));
  const download = (extension: string) => `attachment; filename="indicators.${extension}"; filename*=UTF-8''${FILE_NAME}.${extension}`;
  return new Hono()
    .get('/indicators', (c) => c.json(response(c)))
    .get('/indicators.csv', (c) => {
      c.header('Content-Disposition', download('csv'));
      return c.body(indicatorsCsv(response(c)), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .get('/indicators.xlsx', async (c) => {
      const workbook = await indicatorsXlsx(response(c));
      c.header('Content-Disposition', download('xlsx'));
      return c.body(new Uint8Array(workbook), 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    });
}

function readFilter(c: Context): IndicatorFilter {
  const parsed = indicatorsQuerySchema.safeParse({ region: c.req.queries('region'), year: c.req.queries('year') });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(query)', message: issue.message }));
    throw new ApiError(400, 'VALIDATION_ERROR', `查询参数有误：${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`, issues);
  }
  return { regions: parsed.data.region ?? [], years: parsed.data.year ?? [] };
}
