// Reduces any uploaded file name to a safe base name for storing the original: never a path, never hidden.
import type { ReportFormat } from './report-format.js';

const extensions: Record<ReportFormat, string> = { text: '.txt', markdown: '.md', html: '.html', docx: '.docx', pdf: '.pdf' };
const maxLength = 100;
/**
 * File systems limit a name's bytes, not its characters (ext4, APFS, NTFS: 255), and a Chinese character is 3 bytes
 * in UTF-8: 100 of them would be refused. 200 leaves room for the "-2" a duplicate name gets.
 */
const maxBytes = 200;
const ELLIPSIS = '…';
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A base name without directories, "..", control or reserved characters, at most 100 characters and 200 UTF-8
 * bytes (a shortened name ends in "…", cut between characters), ending in the extension of `format` (the sniffed
 * one, so "x.pdf" holding HTML is stored as "x.html").
 */
export function safeFileName(name: string, format?: ReportFormat): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const extension = format ? extensions[format] : (/\.[a-z0-9]{1,8}$/i.exec(base)?.[0]?.toLowerCase() ?? '');
  let stem = (format ? base.replace(/\.[a-z0-9]{1,8}$/i, '') : base.slice(0, base.length - extension.length))
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (stem.length === 0) stem = 'report';
  // Windows refuses these device names whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  const fits = (candidate: string) => candidate.length <= maxLength - extension.length && utf8Length(candidate) <= maxBytes - utf8Length(extension);
  if (fits(stem)) return stem + extension;
  let kept = '';
  for (const char of stem) {
    if (!fits(kept + char + ELLIPSIS)) break;
    kept += char;
  }
  return kept.replace(/[\s.]+$/, '') + ELLIPSIS + extension;
}
