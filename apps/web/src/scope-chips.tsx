// Filters understood from the question (removable), and what was named but is not in the library.
import type { Scope } from '@report-qa/schema';
import { appliedInferred, type Chip, type ChipField } from './filters-without.js';

interface ScopeChipsProps {
  scope: Scope;
  removed: readonly Chip[];
  disabled: boolean;
  onRemove: (chip: Chip) => void;
}

const label = (field: ChipField, value: string | number) => (field === 'year' ? `${value}年` : String(value));

export function ScopeChips({ scope, removed, disabled, onRemove }: ScopeChipsProps) {
  const chips = appliedInferred(scope, removed);
  const missing = [...scope.missing.regions, ...scope.missing.years.map((year) => `${year}年`)];
  if (chips.length === 0 && missing.length === 0) return null;
  return (
    <div class="chips">
      {chips.length > 0 && <span class="chips-label">按问题限定：</span>}
      {chips.map(({ field, value }) => (
        <span class="chip" key={`${field}:${value}`}>
          {label(field, value)}
          <button
            type="button"
            class="chip-remove"
            disabled={disabled}
            aria-label={`取消限定「${label(field, value)}」并重新提问`}
            title="取消此限定并重新提问"
            onClick={() => onRemove({ field, value })}
          >
            ×
          </button>
        </span>
      ))}
      {missing.length > 0 && <span class="chip chip-missing">资料库中没有：{missing.join('、')}</span>}
    </div>
  );
}
