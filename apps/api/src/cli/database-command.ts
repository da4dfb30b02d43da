// `report-qa migrate --to <url>` copies the embedded index into PostgreSQL; `report-qa doctor` checks a PostgreSQL store.
import type { Command } from 'commander';
import pg from 'pg';
import { appliedMigrations, copyIndexToPostgres, postgresConnectError } from '@report-qa/retrieval';
import { loadConfig } from '../config/config.js';
import { ALL_MIGRATIONS, migrateDatabase } from '../config/database.js';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('把嵌入式索引（INDEX_DIR 中的 SQLite + 向量文件）复制到 PostgreSQL：报告、原文、段落及其向量、句向量，不重新计算嵌入')
    .requiredOption('--to <url>', 'PostgreSQL 连接串，如 "$DATABASE_URL"')
    .action(async (options: { to: string }) => {
      if (!/^postgres(ql)?:\/\//.test(options.to)) throw new Error('--to 必须是 postgres:// 或 postgresql:// 开头的连接串');
      const config = loadConfig();
      const started = Date.now();
      await migrateDatabase(options.to);
      const summary = await copyIndexToPostgres(config.indexDir, options.to, {
        onProgress: (done, total) => process.stderr.write(`\r已复制 ${done}/${total} 份报告`),
      });
      process.stderr.write('\n');
      process.stdout.write(
        `已复制 ${summary.documents} 份报告、${summary.passages} 个段落（其中 ${summary.vectors} 个带向量）、${summary.sentenceVectors} 份句向量，` +
          `用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。设置 DATABASE_URL 后启动服务即使用 PostgreSQL。\n`,
      );
    });

  program
    .command('doctor')
    .description('检查 DATABASE_URL 指定的 PostgreSQL：连接、pgvector 扩展、迁移版本、各表行数')
    .option('--url <url>', 'PostgreSQL 连接串（默认 DATABASE_URL）')
    .action(async (options: { url?: string }) => {
      const config = loadConfig();
      const url = options.url ?? config.databaseUrl;
      if (!url) {
        process.stdout.write(`未设置 DATABASE_URL：使用嵌入式存储（${config.indexDir}）。设置 DATABASE_URL=postgres://… 后再运行 doctor 检查 PostgreSQL。\n`);
        return;
      }
      const problems = await checkDatabase(url, (line) => process.stdout.write(`${line}\n`));
      if (problems > 0) {
        process.stdout.write(`发现 ${problems} 个问题。\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write('PostgreSQL 存储正常。\n');
      }
    });
}

/** Prints one line per check; returns how many failed. */
export async function checkDatabase(url: string, print: (line: string) => void): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {});
  let problems = 0;
  const fail = (line: string) => {
    problems += 1;
    print(`✗ ${line}`);
  };
  try {
    let version: string;
    try {
      version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    } catch (error) {
      fail(postgresConnectError(url, error).message);
      return problems;
    }
    print(`✓ 连接：PostgreSQL ${version}`);
    const extension = await pool.query<{ installed: string | null; available: string | null }>(
      "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed, (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available",
    );
    const { installed, available } = extension.rows[0]!;
    if (installed) print(`✓ pgvector 扩展：${installed}`);
    else if (available) fail(`pgvector ${available} 已安装在服务器上但尚未在本库启用：启动服务或运行 report-qa migrate 时会自动启用（需要相应权限）`);
    else fail('服务器上没有 pgvector 扩展：请安装 postgresql-<版本>-pgvector（Ubuntu/Debian）或使用 pgvector/pgvector 镜像');
    const applied = new Set(await appliedMigrations(pool));
    const missing = ALL_MIGRATIONS.filter((migration) => !applied.has(migration.version));
    if (missing.length === 0) print(`✓ 迁移：${ALL_MIGRATIONS.length} 个均已应用（${ALL_MIGRATIONS.map((migration) => migration.version).join('、')}）`);
    else fail(`迁移：缺少 ${missing.map((migration) => `${migration.version} ${migration.name}`).join('、')}（启动服务时自动应用）`);
    if (!applied.has(1)) return problems;
    const counts = await pool.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT coalesce(sum(passages), 0) FROM documents) AS listed,
        (SELECT count(*) FROM passages) AS passages, (SELECT count(*) FROM passages WHERE embedding IS NOT NULL) AS vectors,
        (SELECT count(*) FROM sentence_vectors) AS sentences, (SELECT value FROM meta WHERE key = 'generation') AS generation,
        (SELECT value FROM meta WHERE key = 'model') AS model`,
    );
    const row = counts.rows[0]!;
    print(`✓ 行数：${row.documents} 份报告，${row.passages} 个段落（${row.vectors} 个带向量），${row.sentences} 份句向量；第 ${row.generation ?? 0} 代，模型 ${row.model ?? '无'}`);
    if (row.listed !== row.passages) fail(`报告记录的段落数（${row.listed}）与段落表（${row.passages}）不一致`);
    if (applied.has(100)) print(`✓ 问答记录：${(await pool.query<{ n: string }>('SELECT count(*) AS n FROM answer_log')).rows[0]!.n} 条`);
    return problems;
  } finally {
    await pool.end();
  }
}
