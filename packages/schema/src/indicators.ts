// The wire format of /api/indicators: the indicator table, each value with its exact quote.
import { z } from 'zod';

const listOf = <T extends z.ZodType>(item: T) => z.array(item).max(50, { error: '过滤条件过多' }).optional();

/** ?region=…&year=… as lists (each may repeat); absent means every report. */
export const indicatorsQuerySchema = z.object({
  region: listOf(z.string().trim().min(1, { error: '地区不能为空' }).max(50, { error: '地区名称过长' })),
  year: listOf(z.coerce.number({ error: '年份必须是数字' }).int({ error: '年份必须是整数' }).min(1949, { error: '年份过早' }).max(2100, { error: '年份过晚' })),
});
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;

export const indicatorDescriptionSchema = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  definition: z.string(),
});
export type IndicatorDescription = z.infer<typeof indicatorDescriptionSchema>;

export const indicatorValueSchema = z.object({
  value: z.number(),
  /** The unit as the report writes it (名, 个, %…). */
  unit: z.string(),
  /** The figure as written, e.g. 236 名. */
  text: z.string(),
  /** original.slice(start, end) of the document: the sentence the figure comes from. */
  quote: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  confidence: z.number().min(0).max(1),
});
export type IndicatorValueWire = z.infer<typeof indicatorValueSchema>;

export const indicatorRowSchema = z.object({
  documentId: z.string(),
  source: z.string(),
  region: z.string().nullable(),
  year: z.number().nullable(),
  /** One entry per indicator key; null when the report does not state it. */
  values: z.record(z.string(), indicatorValueSchema.nullable()),
});
export type IndicatorRowWire = z.infer<typeof indicatorRowSchema>;

export const indicatorsResponseSchema = z.object({
  indicators: z.array(indicatorDescriptionSchema),
  rows: z.array(indicatorRowSchema),
});
export type IndicatorsResponse = z.infer<typeof indicatorsResponseSchema>;
