// Text runs become lines by baseline; Chinese runs join without spaces unless far apart, rotated runs are dropped.
import { describe, expect, it } from 'vitest';
import { groupPdfLines } from './group-pdf-lines.js';

const run = (str: string, x: number, y: number, width = str.length * 12, transform = [12, 0, 0, 12]) => ({
  str,
  transform: [...transform, x, y],
  width,
});

describe('groupPdfLines', () => {
  it('orders lines top to bottom and runs left to right', () => {
    const lines = groupPdfLines([run('第二行', 72, 700), run('行的后半', 96, 720.5), run('第一', 72, 720)]);
    expect(lines.map((line) => line.text)).toEqual(['第一行的后半', '第二行']);
    expect(lines[0]).toMatchObject({ x: 72, right: 96 + 48, size: 12 });
  });

  it('puts spaces between Latin words and between distant cells, not between close Chinese runs', () => {
    const lines = groupPdfLines([
      run('推进', 72, 700),
      run('法治', 98, 700),
      run('Internet', 130, 680, 40),
      run('Plus', 176, 680, 20),
      run('姓名', 72, 660),
      run('张三', 200, 660),
    ]);
    expect(lines.map((line) => line.text)).toEqual(['推进法治', 'Internet Plus', '姓名 张三']);
  });

  it('drops rotated runs and whitespace, and moves the left edge past leading ideographic spaces', () => {
    const diagonal = [8.5, 8.5, -8.5, 8.5];
    const lines = groupPdfLines([run('内部资料', 200, 400, 48, diagonal), run('  ', 72, 700), run('\u3000\u3000正文', 72, 680, 48)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ text: '正文', x: 96 });
  });
});
