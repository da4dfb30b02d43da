// The explicit filters for re-asking a question after the user removed an inferred region or year chip.
import type { Filters, Scope } from '@report-qa/schema';

export type ChipField = 'region' | 'year';

export function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Inferred values that were actually applied: the chips to show. A value the user removed, or one an
 * explicit filter overrode, is named in the question (scope.inferred) but absent from scope.filters.
 */
export function appliedInferred(scope: Scope): { field: ChipField; value: string | number }[] {
  const regions = listOf(scope.filters.region);
  const years = listOf(scope.filters.year);
  return [
    ...scope.inferred.regions.filter((region) => regions.includes(region)).map((value) => ({ field: 'region' as const, value })),
    ...scope.inferred.years.filter((year) => years.includes(year)).map((value) => ({ field: 'year' as const, value })),
  ];
}

/**
 * Every filter that was applied, made explicit, minus the removed value. When nothing is left in that
 * field it is sent as an empty list, which the API reads as "no filter here, and do not infer one".
 */
export function filtersWithout(scope: Scope, field: ChipField, value: string | number): Filters {
  const filters: Filters = {};
  const regions = listOf(scope.filters.region).filter((item) => !(field === 'region' && item === value));
  const years = listOf(scope.filters.year).filter((item) => !(field === 'year' && item === value));
  if (regions.length > 0 || field === 'region') filters.region = regions;
  if (years.length > 0 || field === 'year') filters.year = years;
  if (scope.filters.level) filters.level = scope.filters.level;
  if (scope.filters.docId !== undefined) filters.docId = scope.filters.docId;
  return filters;
}
