// Uploaded names are only hints: reduced to a short safe base name that can never climb out of a folder.
import { describe, expect, it } from 'vitest';
import { safeFileName } from './safe-file-name.js';

describe('safeFileName', () => {
  it('keeps an ordinary Chinese name', () => {
    expect(safeFileName('海东市2020年法治政府建设报告.pdf')).toBe('海东市2020年法治政府建设报告.pdf');
  });

  it('drops directories and parent references', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\Windows\\system32\\config.docx')).toBe('config.docx');
    expect(safeFileName('..')).toBe('report');
    expect(safeFileName('/')).toBe('report');
    expect(safeFileName('a/..')).toBe('report');
    expect(safeFileName('...pdf')).toBe('report.pdf');
  });

  it('removes control and bidirectional characters and reserved punctuation', () => {
    expect(safeFileName('报告\u0000\u001b[31m\u202egpj.exe\n.txt')).toBe('报告[31mgpj.exe.txt');
    expect(safeFileName('a<b>c:d"e|f?g*h.md')).toBe('a_b_c_d_e_f_g_h.md');
    expect(safeFileName('  .hidden  ')).toBe('hidden');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
  });

  it('uses the extension of the sniffed format, not the one claimed', () => {
    expect(safeFileName('report.pdf', 'html')).toBe('report.html');
    expect(safeFileName('../../etc/passwd', 'text')).toBe('passwd.txt');
    expect(safeFileName('报告.DOCX', 'docx')).toBe('报告.docx');
    expect(safeFileName('notes.md', 'markdown')).toBe('notes.md');
  });

  it('never exceeds 100 characters and keeps the extension', () => {
    const long = `${'法治政府建设'.repeat(40)}.docx`;
    const safe = safeFileName(long, 'docx');
    expect(safe.length).toBeLessThanOrEqual(100);
    expect(safe.endsWith('.docx')).toBe(true);
    expect(safeFileName(`${'😀'.repeat(80)}.txt`).length).toBeLessThanOrEqual(100);
  });

  it('limits UTF-8 bytes, not only characters: 84 Chinese characters fit a file system, shortened readably (issue 11, item 9)', () => {
    const name = `${'海东市人民政府关于二〇二〇年度法治政府建设工作情况的报告'.repeat(3)}.txt`;
    expect([...name.replace('.txt', '')].length).toBe(84);
    const safe = safeFileName(name, 'text');
    expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(200);
    expect(safe).toMatch(/^海东市人民政府关于二〇二〇年度法治政府建设工作情况的报告海东市.*…\.txt$/);
    // Cut between characters: no replacement character, no broken surrogate pair.
    expect(safe).not.toContain('\ufffd');
    const emoji = safeFileName(`${'😀'.repeat(80)}.md`);
    expect(Buffer.byteLength(emoji, 'utf8')).toBeLessThanOrEqual(200);
    expect(emoji).toMatch(/^(?:😀)+…\.md$/);
    // A name that fits is left whole.
    expect(safeFileName(`${'报'.repeat(60)}.pdf`, 'pdf')).toBe(`${'报'.repeat(60)}.pdf`);
  });

  it('produces names without slashes, dot-dot or control characters for arbitrary input', () => {
    const alphabet = ['/', '\\', '.', '..', '\u0000', '\n', '\u202e', 'a', '报', ' ', ':', '%2e', '~'];
    for (let seed = 1; seed <= 500; seed += 1) {
      let state = seed;
      const name = Array.from({ length: 1 + (seed % 40) }, () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return alphabet[state % alphabet.length];
      }).join('');
      const safe = safeFileName(name, 'pdf');
      expect(safe, JSON.stringify(name)).toMatch(/^[^/\\\u0000-\u001f]+\.pdf$/);
      expect(safe).not.toContain('..');
      expect(safe.startsWith('.')).toBe(false);
      expect(safe.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(200);
    }
  });
});
