// Tests for sentence splitting: Chinese and half-width stops, decimals, quotes and brackets kept whole.
import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';

const sentences = (text: string): string[] => splitSentences(text, 0, text.length).map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it('splits on Chinese stops and semicolons', () => {
    expect(sentences('一是加强领导。二是完善机制；三是压实责任！')).toEqual(['一是加强领导。', '二是完善机制；', '三是压实责任！']);
  });

  it('does not cut a figure with a decimal point', () => {
    expect(sentences('挽回经济损失1920.605万元.办结率99.4%。')).toEqual(['挽回经济损失1920.605万元.', '办结率99.4%。']);
  });

  it('keeps quotes and brackets whole', () => {
    expect(sentences('取得了“零输入。零感染”战果。印发《条例（试行。）》等文件。')).toEqual(['取得了“零输入。零感染”战果。', '印发《条例（试行。）》等文件。']);
  });

  it('ends a sentence after a closing quote that follows a stop', () => {
    expect(sentences('他说：“依法行政。”随后开会。')).toEqual(['他说：“依法行政。”', '随后开会。']);
  });

  it('survives an unclosed quote', () => {
    const text = `开头“${'很长的句子，'.repeat(50)}结束。下一句。`;
    expect(sentences(text).at(-1)).toBe('下一句。');
  });

  it('keeps markdown emphasis closing a sentence with it and drops empty pieces', () => {
    expect(sentences('**五是把握宣传重点。**继续开展宣传。 ')).toEqual(['**五是把握宣传重点。**', '继续开展宣传。']);
  });
});
