// Tests of the chips shown and the filters sent when an inferred chip is removed.
import type { Scope } from '@report-qa/schema';
import { describe, expect, it } from 'vitest';
import { appliedInferred, filtersWithout } from './filters-without.js';

const scope = (filters: Scope['filters'], regions: string[], years: number[]): Scope => ({
  filters,
  inferred: { regions, years },
  missing: { regions: [], years: [] },
});
const library = { regions: ['海东市', '海西州', '西宁市'], years: [2022, 2021, 2020] };

describe('appliedInferred', () => {
  it('shows inferred values only while they are applied and not removed', () => {
    const applied = scope({ region: '海东市', year: [2020] }, ['海东市'], [2020]);
    expect(appliedInferred(applied)).toEqual([
      { field: 'region', value: '海东市' },
      { field: 'year', value: 2020 },
    ]);
    expect(appliedInferred(applied, [{ field: 'region', value: '海东市' }])).toEqual([{ field: 'year', value: 2020 }]);
    expect(appliedInferred(scope({ region: ['西宁市'] }, ['海东市'], []))).toEqual([]);
  });
});

describe('filtersWithout', () => {
  it('keeps the other applied filters explicit and drops the removed value', () => {
    const applied = scope({ region: ['海东市', '海西州'], year: 2020, docId: 'd1' }, ['海东市', '海西州'], [2020]);
    expect(filtersWithout(applied, { field: 'region', value: '海西州' }, library)).toEqual({ region: ['海东市'], year: [2020], docId: 'd1' });
  });

  it('widens a field to every value in the library when its last value is removed', () => {
    const applied = scope({ region: ['海东市'], year: [2020] }, ['海东市'], [2020]);
    expect(filtersWithout(applied, { field: 'year', value: 2020 }, library)).toEqual({ region: ['海东市'], year: [2022, 2021, 2020] });
    expect(filtersWithout(applied, { field: 'region', value: '海东市' }, library)).toEqual({ region: library.regions, year: [2020] });
  });
});
