// The source view's text: markers and OCR spaces gone, offsets mapped back exactly.
/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayOriginal, displayRange } from './display-original.js';

const reportsDir = join(import.meta.dirname, '../../../data/reports');
const squeeze = (text: string) => text.replace(/[\s*_#>]/g, '');

describe('displayOriginal', () => {
  it('removes emphasis and heading markers and the spaces inside Chinese words, keeping line breaks', () => {
    const original = '## **一、主要工作**\r\n  制定实施方 案，行政执 法 236 名。\nHello   world\n---\n';
    const shown = displayOriginal(original);
    expect(shown.text).toBe('一、主要工作\n制定实施方案，行政执法236名。\nHello world\n\n');
    for (let i = 0; i < shown.text.length; i += 1) {
      if (shown.text[i] !== '\n' && shown.text[i] !== ' ') expect(original[shown.map[i]!]).toBe(shown.text[i]);
    }
  });

  it('maps a passage (start, end) to exactly its characters in the shown text', () => {
    const original = '前言\n**（一）**制定实施方 案。\n下一段';
    const start = original.indexOf('制定');
    const end = original.indexOf('。') + 1;
    const shown = displayOriginal(original);
    const [from, to] = displayRange(shown, start, end)!;
    expect(shown.text.slice(from, to)).toBe('制定实施方案。');
    const whole = displayRange(shown, original.indexOf('**'), end)!;
    expect(shown.text.slice(...whole)).toBe('（一）制定实施方案。');
    expect(displayRange(shown, original.indexOf('**'), original.indexOf('**') + 2)).toBeNull();
  });

  it('keeps every character of the sample reports but markers and spaces, and shows no **', () => {
    for (const file of readdirSync(reportsDir).filter((name) => name.endsWith('.txt'))) {
      const original = readFileSync(join(reportsDir, file), 'utf8');
      const shown = displayOriginal(original);
      expect(shown.text, file).not.toContain('**');
      expect(squeeze(shown.text), file).toBe(squeeze(original.replace(/^[\s\-*_=]{3,}$/gm, '')));
    }
  });
});
