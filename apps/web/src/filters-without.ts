// The explicit filters for re-asking a question after the user removed an inferred region or year chip.
import type { Filters, Scope } from '@report-qa/schema';

export type ChipField = 'region' | 'year';
export interface Chip {
  field: ChipField;
  value: string | number;
}

/** The schema's limit on list filters. */
const MAX_LIST = 20;

export function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Inferred values that were applied and that the user has not removed: the chips to show. */
export function appliedInferred(scope: Scope, removed: readonly Chip[] = []): Chip[] {
  const regions = listOf(scope.filters.region);
  const years = listOf(scope.filters.year);
  const kept = (chip: Chip) => !removed.some((other) => other.field === chip.field && other.value === chip.value);
  return [
    ...scope.inferred.regions.filter((region) => regions.includes(region)).map((value) => ({ field: 'region' as const, value })),
    ...scope.inferred.years.filter((year) => years.includes(year)).map((value) => ({ field: 'year' as const, value })),
  ].filter(kept);
}

/**
 * Every filter that was applied, made explicit, minus the removed value. An explicit filter replaces what
 * the API infers from the question, so when nothing is left in that field it is set to every value in the
 * library: "any region" (or year) that the question's wording cannot narrow again.
 */
export function filtersWithout(scope: Scope, chip: Chip, library: { regions: string[]; years: number[] }): Filters {
  const filters: Filters = {};
  const regions = listOf(scope.filters.region).filter((item) => !(chip.field === 'region' && item === chip.value));
  const years = listOf(scope.filters.year).filter((item) => !(chip.field === 'year' && item === chip.value));
  if (regions.length > 0) filters.region = regions;
  else if (chip.field === 'region' && library.regions.length > 0) filters.region = library.regions.slice(0, MAX_LIST);
  if (years.length > 0) filters.year = years;
  else if (chip.field === 'year' && library.years.length > 0) filters.year = library.years.slice(0, MAX_LIST);
  if (scope.filters.level) filters.level = scope.filters.level;
  if (scope.filters.docId !== undefined) filters.docId = scope.filters.docId;
  return filters;
}
