// Test fixtures generated from the sample reports at test time: DOCX, PDF and zip bombs (no binary fixture is committed).
import { existsSync, readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

const reportsDirectory = new URL('../../../../data/reports/', import.meta.url);

/** The text of a sample report in data/reports. */
export function readSampleReport(fileName: string): string {
  return readFileSync(new URL(fileName, reportsDirectory), 'utf8');
}

/** The non-empty lines of a report, trimmed: its paragraphs and headings. */
export function reportParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A DOCX whose body is `paragraphs`, one Word paragraph each, made with the `docx` package. */
export async function makeDocx(paragraphs: readonly string[], title?: string): Promise<Uint8Array> {
  const document = new Document({
    ...(title ? { title } : {}),
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/**
 * A small DOCX whose text runs to `characters` characters: a sample report's first paragraphs over and over, each
 * numbered, so the archive stays under the zip guard's 200:1 ratio (a parse bomb, not a zip bomb: 6.7 M characters in 230 KB).
 * `unterminated` opens one more element after the end of the document.
 */
export async function makeTextBombDocx(characters: number, options: { unterminated?: boolean } = {}): Promise<Uint8Array> {
  const skeleton = unzipSync(await makeDocx(['placeholder']));
  // Twenty paragraphs (about 20 KB of XML) fit deflate's 32 KB window, so each round compresses to almost nothing.
  const source = reportParagraphs(readSampleReport('000_2c522bdb5677e79f.txt')).slice(0, 20);
  const paragraphs: string[] = [];
  for (let total = 0, index = 0; total < characters; index += 1) {
    const text = `${index}．${source[index % source.length]!}`;
    paragraphs.push(`<w:p><w:r><w:t xml:space="preserve">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`);
    total += text.length + 1;
  }
  const xml = strFromU8(skeleton['word/document.xml']!);
  const body = xml.replace(/<w:body>[\s\S]*?<w:sectPr/, () => `<w:body>${paragraphs.join('')}<w:sectPr`);
  if (body === xml) throw new Error('the generated DOCX has no <w:body> to fill');
  // Unterminated: an element opened after the root, so the parser reads every paragraph before it fails.
  if (options.unterminated) return zipSync({ ...skeleton, 'word/document.xml': strToU8(`${body}<w:p>`) }, { level: 9 });
  return zipSync({ ...skeleton, 'word/document.xml': strToU8(body) }, { level: 9 });
}

export interface CjkFont {
  path: string;
  /** The PostScript name of the face inside a collection (.ttc): pdfkit matches on it. */
  name: string;
}

const cjkFonts: readonly CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', name: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', name: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
];

/** An installed font that can draw Chinese, or null (install Debian's fonts-wqy-zenhei). */
export function findCjkFont(): CjkFont | null {
  return cjkFonts.find((font) => existsSync(font.path)) ?? null;
}

export interface PdfFixture {
  bytes: Uint8Array;
  pages: number;
  /** Indexes of the paragraphs that run over a page break. */
  splitParagraphs: number[];
}

export interface PdfFixtureOptions {
  font: CjkFont;
  paragraphs: readonly string[];
  /** Drawn at the top of every page. */
  header?: string;
  /** The page number line drawn at the bottom of every page, from the 1-based page number. */
  footer?: (page: number, pages: number) => string;
  /** Metadata title. */
  title?: string;
  /** First-line indent in font sizes (Chinese documents indent two characters). */
  indentEms?: number;
  /** Extra space after each paragraph, in points. */
  paragraphGap?: number;
}

/** An A4 PDF with the paragraphs as its text layer, with a running header and page numbers if asked. */
export async function makePdf(options: PdfFixtureOptions): Promise<PdfFixture> {
  const fontSize = 12;
  const document = new PDFDocument({
    size: 'A4',
    margins: { top: 80, bottom: 80, left: 72, right: 72 },
    bufferPages: true,
    info: options.title ? { Title: options.title } : {},
  });
  const done = collect(document);
  document.font(options.font.path, options.font.name).fontSize(fontSize);

  const splitParagraphs: number[] = [];
  options.paragraphs.forEach((text, index) => {
    const before = document.bufferedPageRange().count;
    document.text(text, { indent: (options.indentEms ?? 2) * fontSize, paragraphGap: options.paragraphGap ?? 4, lineGap: 4 });
    if (document.bufferedPageRange().count > before) splitParagraphs.push(index);
  });

  const { count } = document.bufferedPageRange();
  for (let page = 0; page < count; page += 1) {
    document.switchToPage(page);
    // Writing inside the margins would make pdfkit start a new page.
    const { top, bottom } = document.page.margins;
    document.page.margins.top = 0;
    document.page.margins.bottom = 0;
    if (options.header) document.fontSize(9).text(options.header, 72, 40, { width: document.page.width - 144, align: 'center', lineBreak: false });
    if (options.footer) {
      document.fontSize(9).text(options.footer(page + 1, count), 72, document.page.height - 50, { width: document.page.width - 144, align: 'center', lineBreak: false });
    }
    document.page.margins.top = top;
    document.page.margins.bottom = bottom;
  }
  document.end();
  return { bytes: await done, pages: count, splitParagraphs };
}

/** A PDF whose pages hold only drawings, like a scan without OCR. */
export async function makePdfWithoutText(pages = 2): Promise<Uint8Array> {
  const document = new PDFDocument({ size: 'A4' });
  const done = collect(document);
  for (let page = 0; page < pages; page += 1) {
    if (page > 0) document.addPage();
    document.rect(72, 72, 300, 400).fill('#777777');
    document.circle(300, 600, 50).stroke();
  }
  document.end();
  return done;
}

/** A PDF that needs a password to open, with a line of Latin text in a standard font. */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const document = new PDFDocument({ size: 'A4', userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
  const done = collect(document);
  document.text('Rule of law government construction report 2020.');
  document.end();
  return done;
}

function collect(document: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    document.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    document.on('error', reject);
  });
}

export interface ZipFixtureEntry {
  name: string;
  /** The stored bytes: deflate data when `method` is 8. */
  data: Uint8Array;
  method: 0 | 8;
  /** The size written in the headers, which a crafted archive may misstate. */
  uncompressedSize: number;
  crc?: number;
}

/** A zip archive written byte by byte, so tests can put any sizes in its central directory. */
export function buildZip(entries: readonly ZipFixtureEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const local = new Uint8Array(30 + name.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    localView.setUint16(4, 20, true);
    localView.setUint16(6, 0x800, true);
    localView.setUint16(8, entry.method, true);
    localView.setUint32(14, entry.crc ?? 0, true);
    localView.setUint32(18, entry.data.length, true);
    localView.setUint32(22, entry.uncompressedSize, true);
    localView.setUint16(26, name.length, true);
    local.set(name, 30);

    const central = new Uint8Array(46 + name.length);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    centralView.setUint16(6, 20, true);
    centralView.setUint16(8, 0x800, true);
    centralView.setUint16(10, entry.method, true);
    centralView.setUint32(16, entry.crc ?? 0, true);
    centralView.setUint32(20, entry.data.length, true);
    centralView.setUint32(24, entry.uncompressedSize, true);
    centralView.setUint16(28, name.length, true);
    centralView.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local, entry.data);
    centrals.push(central);
    offset += local.length + entry.data.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, Math.min(entries.length, 0xffff), true);
  endView.setUint16(10, Math.min(entries.length, 0xffff), true);
  endView.setUint32(12, directorySize, true);
  endView.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

/**
 * Raw deflate data for `size` zero bytes, written directly as one fixed-Huffman block of 258-byte back-references:
 * about 150:1, and instant where compressing hundreds of megabytes would take seconds.
 */
export function deflatedZeros(size: number): Uint8Array {
  const matches = Math.floor((size - 1) / 258);
  const tail = size - 1 - matches * 258;
  const writer = new BitWriter(Math.ceil((3 + 8 + (matches + tail) * 13 + 7) / 8) + 8);
  writer.write(0b1, 1); // final block
  writer.write(0b01, 2); // fixed Huffman codes
  writer.writeCode(0b00110000, 8); // literal 0
  for (let index = 0; index < matches; index += 1) {
    writer.writeCode(0b11000101, 8); // length 258
    writer.writeCode(0b00000, 5); // distance 1
  }
  for (let index = 0; index < tail; index += 1) writer.writeCode(0b00110000, 8);
  writer.writeCode(0b0000000, 7); // end of block
  return writer.bytes();
}

/** A DOCX-looking archive ([Content_Types].xml, word/document.xml) with one entry of `size` zeros, honestly declared. */
export function makeZipBomb(size: number): Uint8Array {
  const encoder = new TextEncoder();
  const small = (name: string, text: string): ZipFixtureEntry => {
    const data = encoder.encode(text);
    return { name, data, method: 0, uncompressedSize: data.length, crc: crc32(data) };
  };
  return buildZip([
    small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    small('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    { name: 'word/media/zeros.bin', data: deflatedZeros(size), method: 8, uncompressedSize: size },
  ]);
}

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

// Deflate packs bits from the least significant end; Huffman codes go in most significant bit first.
class BitWriter {
  private readonly buffer: Uint8Array;
  private position = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  write(value: number, length: number): void {
    for (let bit = 0; bit < length; bit += 1) {
      if ((value >> bit) & 1) this.buffer[this.position >> 3]! |= 1 << (this.position & 7);
      this.position += 1;
    }
  }

  writeCode(code: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit -= 1) {
      if ((code >> bit) & 1) this.buffer[this.position >> 3]! |= 1 << (this.position & 7);
      this.position += 1;
    }
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, Math.ceil(this.position / 8));
  }
}

let gbkTable: Map<string, number> | null = null;

/** Encodes text as GBK by inverting the platform's GBK decoder (Node has no GBK encoder). */
export function encodeGbk(text: string): Uint8Array {
  if (gbkTable === null) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        try {
          const char = decoder.decode(new Uint8Array([lead, trail]));
          if (!gbkTable.has(char)) gbkTable.set(char, (lead << 8) | trail);
        } catch {
          // Unassigned pair.
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = gbkTable.get(char);
    if (pair === undefined) throw new Error(`No GBK code for ${char}`);
    bytes.push(pair >> 8, pair & 0xff);
  }
  return new Uint8Array(bytes);
}
