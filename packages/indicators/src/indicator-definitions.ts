// The indicator list is data (indicators.json), so an office can add its own; this file validates and loads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IndicatorError } from './indicator-error.js';

const words = z.array(z.string().trim().min(1)).default([]);

const definitionSchema = z.object({
  /** Stable identifier, used as the column key in the API, CSV and XLSX. */
  key: z.string().regex(/^[a-z][a-z0-9_]*$/u, 'key: lower-case letters, digits and _'),
  name: z.string().min(1),
  /** The indicator's unit as shown in the table header (件, 人, %, 条). */
  unit: z.string().min(1),
  /** count: a number of things; rate: a percentage, read only when the figure directly follows the term. */
  kind: z.enum(['count', 'rate']),
  definition: z.string().min(1),
  /** Terms naming the thing counted, most specific first; A…B means A and later B in the same context. */
  synonyms: z.array(z.string().trim().min(1)).min(1),
  /** Verbs of which one must be near the figure (收到, 办结); empty when the term alone suffices. Most specific first. */
  actions: words,
  /** Units a figure of this indicator may be written in (% covers ％ and 百分之). */
  units: z.array(z.string().trim().min(1)).min(1),
  /** Words in the figure's own clause that make it a different figure (不予受理, 成功). */
  exclude: words,
  /** Words earlier in the sentence that name another actor or setting (法律顾问 参与…, 村法律顾问, 双随机抽查). */
  otherActors: words,
  /** A stock counted at a date (officers, advisers): 截至年底 gives its value; 累计 still does not. */
  pointInTime: z.boolean().default(false),
});

export type IndicatorDefinition = z.infer<typeof definitionSchema>;

const fileSchema = z
  .object({ indicators: z.array(definitionSchema).min(1) })
  .refine((file) => new Set(file.indicators.map((indicator) => indicator.key)).size === file.indicators.length, {
    message: 'indicator keys must be unique',
  });

/** Validates an indicator list (the parsed JSON of a file like indicators.json). */
export function parseIndicatorDefinitions(json: unknown): IndicatorDefinition[] {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    throw new IndicatorError('INVALID_DEFINITIONS', `invalid indicator list: ${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data.indicators;
}

/** Reads and validates an indicator list from a JSON file. */
export function loadIndicatorDefinitions(path: string): IndicatorDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new IndicatorError('INVALID_DEFINITIONS', `cannot read indicator list ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseIndicatorDefinitions(json);
}

let bundled: IndicatorDefinition[] | null = null;

/** The twelve indicators shipped with the package (indicators.json beside src/ and dist/). */
export function defaultIndicatorDefinitions(): IndicatorDefinition[] {
  bundled ??= loadIndicatorDefinitions(fileURLToPath(new URL('../indicators.json', import.meta.url)));
  return bundled;
}
