// Tests of the filters sent when an inferred chip is removed.
import type { Scope } from '@report-qa/schema';
import { describe, expect, it } from 'vitest';
import { appliedInferred, filtersWithout } from './filters-without.js';

const scope = (filters: Scope['filters'], regions: string[], years: number[]): Scope => ({
  filters,
  inferred: { regions, years },
  missing: { regions: [], years: [] },
});

describe('appliedInferred', () => {
  it('shows inferred values only while they are applied', () => {
    expect(appliedInferred(scope({ region: '海东市', year: [2020] }, ['海东市'], [2020]))).toEqual([
      { field: 'region', value: '海东市' },
      { field: 'year', value: 2020 },
    ]);
    expect(appliedInferred(scope({ region: [], year: 2020 }, ['海东市'], [2020]))).toEqual([{ field: 'year', value: 2020 }]);
  });
});

describe('filtersWithout', () => {
  it('keeps the other applied filters explicit and drops the removed value', () => {
    const applied = scope({ region: ['海东市', '海西州'], year: 2020, docId: 'd1' }, ['海东市', '海西州'], [2020]);
    expect(filtersWithout(applied, 'region', '海西州')).toEqual({ region: ['海东市'], year: [2020], docId: 'd1' });
  });

  it('sends an empty list when the last value of a field is removed', () => {
    const applied = scope({ region: '海东市', year: 2020 }, ['海东市'], [2020]);
    expect(filtersWithout(applied, 'year', 2020)).toEqual({ region: ['海东市'], year: [] });
    expect(filtersWithout(applied, 'region', '海东市')).toEqual({ region: [], year: [2020] });
  });
});
