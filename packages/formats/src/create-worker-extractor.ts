// extractReport in a worker thread with time and memory limits, so a parse bomb costs one terminated worker, not the server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractReport } from './extract-report.js';
import { ExtractionLimitError, FormatError, UnreadableFileError } from './format-error.js';
import type { ExtractedReport, ExtractOptions } from './report-format.js';
import { sniffFormat } from './sniff-format.js';
import type { WorkerReply } from './worker-reply.js';

export interface WorkerExtractorOptions {
  /** Wall-clock limit of one extraction; the worker is terminated past it (default 60 s). */
  timeoutMs?: number;
  /** V8 heap limit of a worker in MB (default 512); native buffers come on top. */
  maxMemoryMb?: number;
  /** Extractions running at once; later ones wait their turn (default 2). */
  concurrency?: number;
  /** Defaults for every extraction (maxBytes, maxCharacters, maxUncompressedBytes). */
  limits?: Omit<ExtractOptions, 'filename'>;
}

export type ReportExtractor = (bytes: Uint8Array, options?: ExtractOptions) => Promise<ExtractedReport>;

export const defaultExtractTimeoutMs = 60_000;
export const defaultExtractMemoryMb = 512;

/**
 * DOCX, PDF and HTML are parsed in a fresh worker per file (one that was terminated or ran out of memory is never
 * reused); plain text, refused formats and empty files take linear time and stay on this thread, skipping the
 * worker's start-up.
 */
export function createWorkerExtractor(options: WorkerExtractorOptions = {}): ReportExtractor {
  const timeoutMs = options.timeoutMs ?? defaultExtractTimeoutMs;
  const maxMemoryMb = options.maxMemoryMb ?? defaultExtractMemoryMb;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  // A finished extraction hands its slot straight to the next in line, so no newcomer can slip in between.
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (running < concurrency) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return async (bytes, extractOptions = {}) => {
    const merged = { ...options.limits, ...extractOptions };
    if (!needsWorker(bytes, merged)) return extractReport(bytes, merged);
    await acquire();
    try {
      return await runWorker(bytes, merged, timeoutMs, maxMemoryMb);
    } finally {
      release();
    }
  };
}

function runWorker(bytes: Uint8Array, options: ExtractOptions, timeoutMs: number, maxMemoryMb: number): Promise<ExtractedReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      execArgv: compiledExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, maxMemoryMb / 8)) },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new ExtractionLimitError('time', timeoutMs))), timeoutMs);
    worker.once('message', (reply: WorkerReply) => settle(() => (reply.ok ? resolve(reply.report) : reject(toError(reply)))));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ExtractionLimitError('memory', maxMemoryMb, { cause: error })
            : new Error(`extraction worker failed: ${error.message}`, { cause: error }),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new UnreadableFileError(`extraction worker exited with ${code} before answering`))));
    worker.postMessage({ bytes, options });
  });
}

function needsWorker(bytes: Uint8Array, options: ExtractOptions): boolean {
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) return false;
  try {
    return sniffFormat(bytes) !== 'text';
  } catch {
    return false; // refused by extractReport on this thread, with the same error
  }
}

function toError(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (!reply.formatError) return Object.assign(new Error(reply.message), { name: reply.name });
  const error = new FormatError(reply.code, reply.message, reply.userMessage);
  error.name = reply.name;
  return error;
}

/** The parent's Node options without export conditions: the worker runs compiled code, never a package's TypeScript "source". */
function compiledExecArgv(): string[] {
  const kept: string[] = [];
  for (let index = 0; index < process.execArgv.length; index += 1) {
    const arg = process.execArgv[index]!;
    if (arg === '--conditions' || arg === '-C') index += 1;
    else if (!arg.startsWith('--conditions=')) kept.push(arg);
  }
  return kept;
}

/** The compiled worker beside this file; from src/ (tests run sources) the one in dist/, so build the package first. */
function workerFile(): URL {
  const beside = new URL('./extract-worker.js', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : new URL('../dist/extract-worker.js', import.meta.url);
}
