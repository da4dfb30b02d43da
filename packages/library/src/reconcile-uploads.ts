// Start-up check of data/uploads against the index: originals a crash (kill -9 mid-upload) left without a document are indexed or set aside.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FormatError, type ReportExtractor } from '@report-qa/formats';
import type { ReportIndex } from '@report-qa/retrieval';
import { PARTIAL_UPLOAD_PREFIX, uploadsDir } from './uploads-folder.js';

export interface ReconcileOutcome {
  /** Originals that had no document and now have one (same source name, so the same document id as before). */
  indexed: string[];
  /** Originals that could not be read, moved to `setAsideDir`. */
  setAside: { name: string; reason: string }[];
  /** Temporary files of uploads interrupted while their original was being written, deleted. */
  partial: string[];
  setAsideDir: string;
}

/** Where unreadable orphans go: out of the library, but not deleted. */
export function orphanedUploadsDir({ dataDir }: { dataDir: string }): string {
  return join(dataDir, 'uploads-orphaned');
}

/**
 * Every complete file in data/uploads becomes a document again: an upload is the original kept there plus its
 * document, so an original without one is indexed under its own name (the name it was uploaded as).
 */
export async function reconcileUploads(
  index: ReportIndex,
  options: { dataDir: string; maxUploadBytes: number },
  extract: ReportExtractor,
): Promise<ReconcileOutcome> {
  const dir = uploadsDir(options);
  const outcome: ReconcileOutcome = { indexed: [], setAside: [], partial: [], setAsideDir: orphanedUploadsDir(options) };
  if (!existsSync(dir)) return outcome;
  const known = new Set(index.documents().map((document) => document.source));
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (name.startsWith(PARTIAL_UPLOAD_PREFIX)) {
      if (writerAlive(name)) continue;
      rmSync(file, { force: true });
      outcome.partial.push(name);
      continue;
    }
    if (name.startsWith('.') || known.has(name) || !statSync(file).isFile()) continue;
    try {
      const extracted = await extract(new Uint8Array(readFileSync(file)), { filename: name, maxBytes: options.maxUploadBytes });
      // The original was saved when it was uploaded: that stays the report's time in the library.
      await index.addReport(extracted.text, name, { indexedAt: statSync(file).mtime.toISOString() });
      outcome.indexed.push(name);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      mkdirSync(outcome.setAsideDir, { recursive: true });
      renameSync(file, join(outcome.setAsideDir, name));
      outcome.setAside.push({ name, reason: error.userMessage });
    }
  }
  return outcome;
}

/** Whether the process named in a temporary file's name (`.uploading-<pid>-…`) still runs: its upload may be in progress. */
function writerAlive(name: string): boolean {
  const pid = Number(/^\.uploading-(\d+)-/.exec(name)?.[1] ?? 0);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One line per thing done, in Chinese, for the app's log; empty when there was nothing to do. */
export function describeReconcile(outcome: ReconcileOutcome, context: 'start' | 'repair'): string[] {
  const lines: string[] = [];
  if (outcome.partial.length > 0) {
    lines.push(`已删除 ${outcome.partial.length} 个未写完的上传临时文件（上传在保存原文件时中断）：${outcome.partial.join('、')}`);
  }
  if (outcome.indexed.length > 0) {
    lines.push(
      context === 'start'
        ? `上传目录中有 ${outcome.indexed.length} 个原文件没有对应的报告（上传在写入索引前中断），已补建索引：${outcome.indexed.join('、')}`
        : `已从上传目录恢复 ${outcome.indexed.length} 份上传的报告：${outcome.indexed.join('、')}`,
    );
  }
  for (const { name, reason } of outcome.setAside) {
    lines.push(`上传目录中的 ${name} 没有对应的报告且无法读取（${reason}），已移至 ${outcome.setAsideDir}`);
  }
  return lines;
}
