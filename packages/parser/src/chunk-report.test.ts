// Tests for chunkReport options: target size, overlap in whole sentences, sections never crossed.
import { describe, expect, it } from 'vitest';
import { chunkReport } from './chunk-report.js';

const sentence = (index: number): string => `第${index}项工作全面完成，共办理各类事项${index * 7}件，群众满意率达到百分之九十九点${index}。`;
const section = (heading: string, count: number, from: number): string => `${heading}\n${Array.from({ length: count }, (_, index) => sentence(from + index)).join('')}\n`;
const report = section('一、工作开展情况', 30, 1) + section('二、下一步工作打算', 12, 100);

describe('chunkReport', () => {
  it('respects the target size in whole sentences', () => {
    for (const targetSize of [200, 400]) {
      const chunks = chunkReport(report, { targetSize });
      for (const chunk of chunks) {
        expect(chunk.text.length).toBeLessThanOrEqual(Math.max(600, targetSize * 1.5) + 20);
        expect(chunk.text.trim().endsWith('。')).toBe(true);
      }
      const body = chunks.filter((chunk) => chunk.sectionPath === '一、工作开展情况');
      const mean = body.reduce((total, chunk) => total + chunk.text.length, 0) / body.length;
      expect(mean).toBeGreaterThan(targetSize * 0.6);
      expect(mean).toBeLessThan(targetSize * 1.3);
    }
  });

  it('never crosses a top-level section', () => {
    const start = report.indexOf('二、下一步工作打算');
    for (const chunk of chunkReport(report, { targetSize: 300 })) {
      expect(chunk.start < start && chunk.end > start).toBe(false);
    }
  });

  it('carries whole sentences as overlap when asked', () => {
    const plain = chunkReport(report, { targetSize: 300 });
    const overlapping = chunkReport(report, { targetSize: 300, overlap: 80 });
    const overlaps = overlapping.slice(1).filter((chunk, index) => chunk.start < (overlapping[index]?.end ?? 0));
    expect(overlaps.length).toBeGreaterThan(0);
    for (const chunk of overlaps) expect(chunk.text.startsWith('第')).toBe(true);
    // No overlap reaches back into the previous section, even a sibling subsection.
    const nested = `一、工作开展情况\n${section('（一）加强组织领导', 12, 1)}${section('（二）完善工作机制', 12, 50)}`;
    const nestedChunks = chunkReport(nested, { targetSize: 300, overlap: 80 });
    const second = nestedChunks.find((chunk) => chunk.sectionPath.endsWith('（二）完善工作机制'));
    expect(second?.start).toBe(nested.indexOf('（二）'));
    expect(plain.slice(1).every((chunk, index) => chunk.start >= (plain[index]?.end ?? 0))).toBe(true);
  });

  it('gives the same ids for the same input and options', () => {
    expect(chunkReport(report).map((chunk) => chunk.id)).toEqual(chunkReport(report).map((chunk) => chunk.id));
  });
});
