// Test-only exports (@report-qa/formats/testing): fixture generators for DOCX, PDF, zip bombs and GBK text.
export {
  readSampleReport,
  reportParagraphs,
  makeDocx,
  makeTextBombDocx,
  findCjkFont,
  makePdf,
  makePdfWithoutText,
  makeEncryptedPdf,
  makeZipBomb,
  buildZip,
  deflatedZeros,
  crc32,
  encodeGbk,
} from './report-fixtures.js';
export type { CjkFont, PdfFixture, PdfFixtureOptions, ZipFixtureEntry } from './report-fixtures.js';
