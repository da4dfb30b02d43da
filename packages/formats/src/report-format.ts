// The formats an upload can be recognised as, and what extraction returns.

export type ReportFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

export interface ExtractedReport {
  format: ReportFormat;
  /** The report text, one paragraph or heading per line, ready for the parser. */
  text: string;
  /** A title found in the file itself (HTML <title>/<h1>, DOCX or PDF properties), or null. */
  title?: string | null;
  /** Number of pages, for PDFs. */
  pages?: number;
}

export interface ExtractOptions {
  /** The uploaded name: only a hint to tell Markdown from plain text, never used as a path. */
  filename?: string;
  /** Largest accepted upload in bytes (default 20 MB). */
  maxBytes?: number;
  /** Largest total a DOCX may expand to in bytes (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Longest accepted text in characters, whatever the format (default 500,000: far above any real report). */
  maxCharacters?: number;
}
