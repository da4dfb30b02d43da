// Extracts the text layer of a PDF with unpdf (pdf.js): lines per page, furniture removed, lines joined into paragraphs.
import { getDocumentProxy } from 'unpdf';
import { EncryptedFileError, NoTextLayerError, UnreadableFileError } from './format-error.js';
import { groupPdfLines } from './group-pdf-lines.js';
import type { PdfTextRun } from './group-pdf-lines.js';
import { joinPdfLines } from './join-pdf-lines.js';
import { normalizeCjkRadicals } from './normalize-cjk-radicals.js';
import type { PdfLine } from './pdf-line.js';
import { removePageFurniture } from './remove-page-furniture.js';

export interface PdfText {
  text: string;
  title: string | null;
  pages: number;
}

// Fewer visible characters than this, once furniture is gone, means the pages are images (a scan).
const minimumTextCharacters = 20;

/** The body text of a PDF; throws NoTextLayerError when the PDF has no text to extract. */
export async function extractPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js may detach the buffer it is given, so it gets a copy; verbosity 0 keeps it from logging.
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, useSystemFonts: false }).catch(
    (error: unknown) => {
      const name = error instanceof Error ? error.name : '';
      if (name === 'PasswordException') throw new EncryptedFileError('PDF is password protected', { cause: error });
      throw new UnreadableFileError('PDF cannot be read', { cause: error });
    },
  );
  try {
    const pages: PdfLine[][] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(groupPdfLines((content.items as unknown[]).filter(isTextRun)));
      page.cleanup();
    }
    const text = normalizeCjkRadicals(joinPdfLines(removePageFurniture(pages)));
    if (text.replace(/\s/g, '').length < minimumTextCharacters) throw new NoTextLayerError(document.numPages);
    return { text, title: await metadataTitle(document), pages: document.numPages };
  } catch (error) {
    if (error instanceof NoTextLayerError) throw error;
    throw new UnreadableFileError('PDF text cannot be extracted', { cause: error });
  } finally {
    await document.destroy();
  }
}

// pdf.js mixes text runs with marked-content markers; only runs carry a string and a position.
function isTextRun(item: unknown): item is PdfTextRun {
  if (typeof item !== 'object' || item === null) return false;
  const run = item as Partial<Record<keyof PdfTextRun, unknown>>;
  return typeof run.str === 'string' && Array.isArray(run.transform) && typeof run.width === 'number';
}

// Producers fill Title with file names and template names; only a title with Chinese in it is worth keeping.
async function metadataTitle(document: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<string | null> {
  const { info } = await document.getMetadata().catch(() => ({ info: undefined }));
  const title = info && typeof info === 'object' && 'Title' in info && typeof info.Title === 'string' ? info.Title.trim() : '';
  return /[\u4e00-\u9fff]/.test(title) ? title : null;
}
