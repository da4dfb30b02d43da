// `report-qa repair`: sets the current index files aside and rebuilds the index from the reports folder and the uploads folder.
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DATABASE_FILE, IndexCorruptError, ReportIndex } from '@report-qa/retrieval';
import { loadConfig } from '../config/config.js';
import { describeReconcile, IngestFilesError, reconcileUploads, uploadsDir } from '@report-qa/library';
import { createEngine } from '../config/engine.js';
import { ingestProgressPrinter } from './ingest-progress.js';

/** The files that make up an index: the database with its WAL and shared memory, and the vector files. */
const INDEX_FILE = new RegExp(`^(${DATABASE_FILE.replace('.', '\\.')}(-wal|-shm|-journal)?|vectors-\\d+\\.hnsw(\\.tmp-\\d+)?)$`);

export function registerRepairCommand(program: Command): void {
  program
    .command('repair')
    .description('重建索引：现有索引文件移到 damaged-<时间>/ 保存，再从报告目录和上传目录重新建立（上传的报告仍是上传）。运行前请停止服务')
    .option('--force', '索引完好时也从头重建')
    .action(async (options: { force?: boolean }) => {
      const config = loadConfig();
      // A sound index is left alone unless asked: it may be in use by a running server.
      const sound = options.force ? null : await soundIndex(config.indexDir);
      if (sound) {
        process.stdout.write(
          `索引完好（${sound.documents} 份报告，${sound.passages} 个段落），无需修复。` +
            '如仍要从报告目录和上传目录从头重建，请先停止服务，再运行 report-qa repair --force\n',
        );
        return;
      }
      const aside = setIndexAside(config.indexDir);
      if (aside) process.stdout.write(`原索引文件已移至 ${aside.dir}：${aside.files.join('、')}\n`);
      const engine = await createEngine(config, { onNotice: (message) => process.stderr.write(`提示：${message}\n`) });
      try {
        let failures = '';
        let fromReports = 0;
        if (existsSync(config.reportsDir)) {
          const summary = await engine.ingest([config.reportsDir], ingestProgressPrinter()).catch((error: unknown) => {
            if (!(error instanceof IngestFilesError)) throw error;
            failures = error.message;
            return error.summary;
          });
          fromReports = summary.added.length + summary.updated.length + summary.unchanged.length;
        }
        const reconciled = await reconcileUploads(engine.index, { dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes }, engine.extract);
        for (const line of describeReconcile(reconciled, 'repair')) process.stderr.write(`${line}\n`);
        const stats = engine.index.stats();
        process.stdout.write(
          `已重建索引：报告目录（${config.reportsDir}）${fromReports} 份，上传的报告 ${reconciled.indexed.length} 份（${uploadsDir(config)}）；` +
            `共 ${stats.documents} 份报告，${stats.passages} 个段落，检索方式 ${stats.mode === 'hybrid' ? '向量+关键词' : '仅关键词'}\n`,
        );
        if (failures || reconciled.setAside.length > 0) {
          if (failures) process.stderr.write(`${failures}\n`);
          process.exitCode = 1;
        }
      } finally {
        await engine.close();
      }
    });
}

/** The index's size when it opens and passes its checks; null when it is missing or damaged. */
async function soundIndex(indexDir: string): Promise<{ documents: number; passages: number } | null> {
  if (!existsSync(join(indexDir, DATABASE_FILE))) return null;
  try {
    const index = await ReportIndex.open(indexDir, { embeddings: null });
    const { documents, passages } = index.stats();
    await index.close();
    return { documents, passages };
  } catch (error) {
    if (error instanceof IndexCorruptError) return null;
    throw error;
  }
}

/** Moves the index files into damaged-<time>/ inside the index folder; null when there were none. */
function setIndexAside(indexDir: string): { dir: string; files: string[] } | null {
  if (!existsSync(indexDir)) return null;
  const files = readdirSync(indexDir).filter((name) => INDEX_FILE.test(name));
  if (files.length === 0) return null;
  const dir = join(indexDir, `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir);
  // The database first: should this stop halfway, the next start finds no database rather than half of one.
  for (const name of files.sort((a, b) => Number(b.startsWith(DATABASE_FILE)) - Number(a.startsWith(DATABASE_FILE)))) {
    renameSync(join(indexDir, name), join(dir, name));
  }
  return { dir, files };
}
