// Ingestion of files and folders in any supported format, keeping uploaded reports when a folder is re-read.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { extractReport, FormatError, type ReportExtractor } from '@report-qa/formats';
import { listReportFiles, reportFileFilter, type IngestProgress, type IngestSummary, type ReportIndex } from '@report-qa/retrieval';

/** Every format the library reads: retrieval's text reports, plus DOCX and PDF. */
const isReportFile = reportFileFilter(/\.(txt|md|markdown|html?|docx|pdf)$/i);
/** Formats whose parsing can be made to explode (zip, pdf.js, an HTML tree): extracted with limits, in a worker when given one. */
const EXTRACTED_FORMATS = /\.(docx|pdf|html?)$/i;

export interface IngestPathsOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Sources that stay although no given folder holds them (uploaded reports). */
  keep?: Set<string>;
  maxBytes?: number;
  /** Turns DOCX, PDF and HTML files into text (default: extractReport on this thread, without time or memory limits). */
  extract?: ReportExtractor;
  /** Plain-text files larger than this many bytes go through `extract` too, so its character limit applies to them. */
  maxCharacters?: number;
  /** Remove documents whose files left the given folders (default true; start-up sync passes false). */
  prune?: boolean;
}

/**
 * Indexes the given files and folders. Text, Markdown and HTML go through the index in batches; DOCX and PDF
 * are extracted first. For folders, documents whose files are gone leave the index (uploads excepted).
 */
export async function ingestPaths(index: ReportIndex, paths: string[], options: IngestPathsOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const { files, sawFolder } = listReportFiles(paths, isReportFile);
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  const extracted = (file: string) => EXTRACTED_FORMATS.test(file) || (options.maxCharacters !== undefined && statSync(file).size > options.maxCharacters);
  const textLike = files.filter((file) => !extracted(file));
  const summary: IngestSummary =
    textLike.length > 0
      ? await index.indexReports(textLike, { ...progress, removeMissing: false })
      : { added: [], updated: [], unchanged: [], removed: [], passages: 0, elapsedMs: 0 };

  // One unreadable file (a scanned PDF, a damaged DOCX) must not stop the others: it is reported at the end.
  const failures: { file: string; message: string }[] = [];
  const extract = options.extract ?? extractReport;
  for (const file of files.filter(extracted)) {
    let report: Awaited<ReturnType<typeof extractReport>>;
    try {
      report = await extract(new Uint8Array(readFileSync(file)), {
        filename: basename(file),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      });
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      failures.push({ file: basename(file), message: error.userMessage });
      continue;
    }
    const one = await index.addReport(report.text, basename(file), progress);
    summary.added.push(...one.added);
    summary.updated.push(...one.updated);
    summary.unchanged.push(...one.unchanged);
    summary.passages += one.passages;
  }

  if (sawFolder && options.prune !== false) {
    const present = new Set(files.map((file) => basename(file)));
    for (const document of index.documents()) {
      if (present.has(document.source) || options.keep?.has(document.source)) continue;
      options.onProgress?.({ phase: 'remove', docId: document.id, source: document.source });
      if (await index.deleteDocument(document.id)) summary.removed.push(document.id);
    }
  }
  summary.elapsedMs = Date.now() - started;
  if (failures.length > 0) throw new IngestFilesError(failures, summary);
  return summary;
}

/** Some files could not be read; the others were indexed (see `summary`). */
export class IngestFilesError extends Error {
  override name = 'IngestFilesError';
  constructor(
    readonly failures: { file: string; message: string }[],
    readonly summary: IngestSummary,
  ) {
    super(
      `${failures.length} 个文件未能导入（其余 ${summary.added.length + summary.updated.length + summary.unchanged.length} 份报告已导入）：\n` +
        failures.map((failure) => `  ${failure.file}：${failure.message}`).join('\n'),
    );
  }
}
