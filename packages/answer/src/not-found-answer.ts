// The answer given when the reports do not hold what was asked: says so and names what the library covers.
import type { QueryScope } from '@report-qa/retrieval';

export const notFoundPhrase = '未在已收录的报告中找到';

function join(items: readonly (string | number)[]): string {
  return items.map(String).join('、');
}

/** 「未在已收录的报告中找到…」 naming the missing region/year, or the topic, and the corpus' regions and years. */
/** 「已收录的报告涵盖：…；年份：…。」 */
export function coveredText(corpus: { regions: string[]; years: number[] }): string {
  return `已收录的报告涵盖：${join(corpus.regions) || '（无）'}；年份：${join([...corpus.years].sort()) || '（无）'}。`;
}

export function notFoundAnswer(scope: QueryScope, corpus: { regions: string[]; years: number[] }): string {
  const covered = coveredText(corpus);
  // A year the library has for other places is missing only for the places asked: name them together
  // (海西蒙古族藏族自治州2022年), not the year alone as if no report of that year were kept.
  const years = scope.missing.years.map((year) => `${year}年`);
  const places = scope.missing.regions.length === 0 && years.length > 0 ? scope.inferred.regions : [];
  const missing = places.length > 0 ? places.flatMap((place) => years.map((year) => `${place}${year}`)) : [...scope.missing.regions, ...years];
  if (missing.length > 0) return `${notFoundPhrase}${join(missing)}的报告。${covered}`;
  const searched = [
    ...scope.inferred.regions,
    ...scope.inferred.years.map((year) => `${year}年`),
  ];
  const where = searched.length > 0 ? `（已检索${join(searched)}的报告）` : '';
  return `${notFoundPhrase}与该问题相关的内容${where}。${covered}`;
}
