// What the extraction worker posts back: the extracted report, or an error as plain data (classes do not cross threads).
import type { FormatErrorCode } from './format-error.js';
import type { ExtractedReport } from './report-format.js';

export type WorkerReply =
  | { ok: true; report: ExtractedReport }
  | { ok: false; formatError: true; name: string; code: FormatErrorCode; message: string; userMessage: string }
  | { ok: false; formatError: false; name: string; message: string };
