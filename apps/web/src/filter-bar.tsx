// Region, year and report selectors, filled from the library; they apply to the next questions.
import type { DocumentSummary, Filters } from '@report-qa/schema';
import { useMemo } from 'preact/hooks';
import { documentLabel } from './document-label.js';

interface FilterBarProps {
  documents: readonly DocumentSummary[];
  filters: Filters;
  onChange: (filters: Filters) => void;
}

export function FilterBar({ documents, filters, onChange }: FilterBarProps) {
  const regions = useMemo(
    () => [...new Set(documents.map((document) => document.region).filter((region): region is string => !!region))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [documents],
  );
  const years = useMemo(
    () => [...new Set(documents.map((document) => document.year).filter((year): year is number => year !== null))].sort((a, b) => b - a),
    [documents],
  );
  const set = (field: 'region' | 'year' | 'docId', value: string) => {
    const next: Filters = { ...filters };
    if (value === '') delete next[field];
    else if (field === 'year') next.year = Number(value);
    else next[field] = value;
    onChange(next);
  };
  const active = Object.keys(filters).length > 0;

  return (
    <fieldset class="filters">
      <legend class="visually-hidden">筛选范围</legend>
      <label>
        <span>地区</span>
        <select value={typeof filters.region === 'string' ? filters.region : ''} onChange={(event) => set('region', event.currentTarget.value)}>
          <option value="">全部地区</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>年度</span>
        <select value={typeof filters.year === 'number' ? String(filters.year) : ''} onChange={(event) => set('year', event.currentTarget.value)}>
          <option value="">全部年度</option>
          {years.map((year) => (
            <option key={year} value={String(year)}>
              {year}年
            </option>
          ))}
        </select>
      </label>
      <label class="wide">
        <span>报告</span>
        <select value={typeof filters.docId === 'string' ? filters.docId : ''} onChange={(event) => set('docId', event.currentTarget.value)}>
          <option value="">全部报告</option>
          {documents.map((document) => (
            <option key={document.id} value={document.id}>
              {documentLabel(document)}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" class="small" onClick={() => onChange({})}>
          清除筛选
        </button>
      )}
    </fieldset>
  );
}
