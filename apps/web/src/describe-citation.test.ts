// An uploaded report's passages are labelled as uploads, with the day they were added.
import { describe, expect, it } from 'vitest';
import { uploadLabel } from './describe-citation.js';

describe('uploadLabel', () => {
  it('labels uploads only', () => {
    expect(uploadLabel({ upload: true, indexedAt: '2026-11-27T15:17:17.058Z' })).toBe('（上传于 2026-11-27）');
    expect(uploadLabel({ upload: true })).toBe('（上传）');
    expect(uploadLabel({ upload: false, indexedAt: '2026-11-27T15:17:17.058Z' })).toBe('');
    expect(uploadLabel({})).toBe('');
  });
});
