// Extracts the paragraphs of a DOCX with mammoth, after the zip-bomb guard has vetted the archive.
import mammoth from 'mammoth';
import { assertSafeZip } from './assert-safe-zip.js';
import type { ZipLimits } from './assert-safe-zip.js';
import { UnreadableFileError } from './format-error.js';
import { inflateZipEntry } from './inflate-zip-entry.js';
import { readZipDirectory } from './read-zip-directory.js';

export interface DocxText {
  text: string;
  title: string | null;
}

/** One line per non-empty paragraph, and the title from the document properties when it has one. */
export async function extractDocx(bytes: Uint8Array, limits: ZipLimits & { maxEntries: number }): Promise<DocxText> {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  assertSafeZip(bytes, entries, limits);
  let raw: string;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    raw = result.value;
  } catch (error) {
    throw new UnreadableFileError('DOCX cannot be read', { cause: error });
  }
  // mammoth ends every paragraph with a blank line; a lone newline is a line break inside a paragraph.
  const text = raw
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trimEnd())
    .filter((paragraph) => paragraph.trim().length > 0)
    .join('\n');
  const core = entries.find((entry) => entry.name === 'docProps/core.xml');
  return { text, title: core ? coreTitle(inflateZipEntry(bytes, core)) : null };
}

function coreTitle(xml: Uint8Array): string | null {
  const match = /<dc:title>([^<]*)<\/dc:title>/.exec(new TextDecoder().decode(xml));
  const title = match?.[1] ? decodeXmlEntities(match[1]).replace(/\s+/g, ' ').trim() : '';
  return title.length > 0 ? title : null;
}

function decodeXmlEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, body: string) => {
    if (!body.startsWith('#')) return named[body.toLowerCase()] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
