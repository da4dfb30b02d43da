// Candidate next questions: another covered region or year in the question's own words, the neighbouring section.
import type { Section } from '@report-qa/parser';
import { describe, expect, it } from 'vitest';
import { suggestQuestions, topicOf } from './suggest-questions.js';

const documents = [
  { id: 'haidong', region: '海东市', year: 2020 },
  { id: 'xining', region: '西宁市', year: 2022 },
  { id: 'xining-2021', region: '西宁市', year: 2021 },
  { id: 'nameless', region: null, year: null },
];
const section = (heading: string, path: string[], start: number, end: number): Section => ({ heading, path, depth: path.length, start, end });
const sections = [
  section('一、工作开展情况', ['一、工作开展情况'], 0, 300),
  section('（一）推进行政复议', ['一、工作开展情况', '（一）推进行政复议'], 10, 100),
  section('（二）加强执法监督', ['一、工作开展情况', '（二）加强执法监督'], 100, 300),
];

describe('suggestQuestions', () => {
  it('asks the same question of another region and year, and of the next section', () => {
    const candidates = suggestQuestions({
      question: '海东2020年收到多少件行政复议申请？',
      citations: [{ docId: 'haidong', start: 50 }],
      documents,
      sectionsOf: (id) => (id === 'haidong' ? sections : null),
    });
    expect(candidates[0]).toBe('西宁市2022年收到多少件行政复议申请？');
    expect(candidates[1]).toBe('海东市2020年在“加强执法监督”方面做了哪些工作？');
    expect(candidates).toContain('西宁市2021年收到多少件行政复议申请？');
    expect(candidates).not.toContain('海东2020年收到多少件行政复议申请？');
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  it('offers the same region in another year when the question names a year', () => {
    const candidates = suggestQuestions({
      question: '西宁市2022年行政复议有哪些做法？',
      citations: [{ docId: 'xining', start: 5 }],
      documents,
      sectionsOf: () => null,
    });
    expect(candidates).toContain('西宁市2021年行政复议有哪些做法？');
    expect(candidates).toContain('海东市2020年行政复议有哪些做法？');
  });

  it('suggests nothing without a cited report that has a region and a year', () => {
    expect(suggestQuestions({ question: '随便问问', citations: [{ docId: 'nameless', start: 0 }], documents, sectionsOf: () => null })).toEqual([]);
    expect(suggestQuestions({ question: '随便问问', citations: [], documents, sectionsOf: () => null })).toEqual([]);
  });

  it('turns a numbered heading into a topic', () => {
    expect(topicOf('（八）加强行政复议工作。')).toBe('加强行政复议工作');
    expect(topicOf('(二)坚持改革引领')).toBe('坚持改革引领');
    expect(topicOf('三、创新执法理念')).toBe('创新执法理念');
  });
});
