// Every cell of the five sample reports against the hand-checked table in fixtures/sample-table.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '@report-qa/parser';
import { defaultIndicatorDefinitions } from './indicator-definitions.js';
import { extractIndicators } from './extract-indicators.js';

interface ExpectedCell {
  value: number;
  quoteIncludes: string;
}
const table = JSON.parse(readFileSync(new URL('../fixtures/sample-table.json', import.meta.url), 'utf8')) as {
  reports: Record<string, Record<string, ExpectedCell | null>>;
};
const reportsDir = new URL('../../../data/reports/', import.meta.url);
const withoutSpaces = (text: string) => text.replace(/\s+/gu, '');

describe('indicators of the sample reports', () => {
  const keys = defaultIndicatorDefinitions().map((definition) => definition.key);

  it('the fixture has a cell for every indicator of every sample report', () => {
    expect(Object.keys(table.reports)).toHaveLength(5);
    for (const cells of Object.values(table.reports)) expect(Object.keys(cells).sort()).toEqual([...keys].sort());
  });

  for (const [file, cells] of Object.entries(table.reports)) {
    describe(file, () => {
      const report = parseReport(readFileSync(new URL(file, reportsDir)), { source: file });
      const values = extractIndicators(report);
      for (const [key, expected] of Object.entries(cells)) {
        it(`${key} is ${expected ? expected.value : 'not stated'}`, () => {
          const value = values[key];
          if (expected === null) {
            expect(value).toBeNull();
            return;
          }
          expect(value).not.toBeNull();
          if (!value) return;
          expect(value.value).toBe(expected.value);
          expect(value.quote).toBe(report.original.slice(value.start, value.end));
          expect(withoutSpaces(value.quote)).toContain(withoutSpaces(expected.quoteIncludes));
          for (const part of value.text.split('、')) expect(value.quote).toContain(part);
          expect(value.confidence).toBeGreaterThan(0);
          expect(value.confidence).toBeLessThanOrEqual(1);
        });
      }
    });
  }
});
