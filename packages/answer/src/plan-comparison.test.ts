// How a question that asks each place its own thing is split into one question per place.
import { describe, expect, it } from 'vitest';
import { rowQuestions } from './plan-comparison.js';

describe('rowQuestions', () => {
  it('gives each place its own sentence, after the shared topic', () => {
    const question = '优化营商环境上，海东废止了多少件？海西推的是哪种模式？';
    const split = rowQuestions(question, [question.indexOf('海东'), question.indexOf('海西')])!;
    expect(split(question.indexOf('海东'))).toBe('优化营商环境上，海东废止了多少件？');
    expect(split(question.indexOf('海西'))).toBe('优化营商环境上，海西推的是哪种模式？');
  });

  it('gives each place its own clause when the clauses name them apart', () => {
    const question = '城东区2017年中心办理多少项，海东2020年进驻大厅的许可事项多少项？';
    const split = rowQuestions(question, [question.indexOf('城东区'), question.indexOf('海东')])!;
    expect(split(question.indexOf('海东'))).toBe('海东2020年进驻大厅的许可事项多少项？');
  });

  it('keeps one question when a later clause only names its place', () => {
    const question = '海东受理多少件，海西呢？';
    expect(rowQuestions(question, [question.indexOf('海东'), question.indexOf('海西')])).toBeNull();
  });

  it('keeps one question when one clause names every place', () => {
    const question = '海东和湟中2020年各审了几件，分别是多少？';
    expect(rowQuestions(question, [question.indexOf('海东'), question.indexOf('湟中')])).toBeNull();
  });
});
