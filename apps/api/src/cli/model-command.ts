// `report-qa model fetch`: downloads the local embedding model once, from the hub or the mirror in HF_ENDPOINT.
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { fetchModel, hasModel } from './fetch-model.js';

export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('嵌入模型');
  model
    .command('fetch')
    .description('下载本地嵌入模型（HF_ENDPOINT 可指向镜像，如 https://hf-mirror.com）；之后运行 report-qa ingest 为已收录的报告补上向量')
    .action(async () => {
      const embeddings = loadConfig().embeddings;
      if (embeddings.provider !== 'local') throw new Error(`当前 EMBEDDING_PROVIDER=${embeddings.provider}，不使用本地嵌入模型`);
      if (hasModel(embeddings)) {
        process.stdout.write(`嵌入模型已存在：${join(embeddings.modelDir!, embeddings.model)}\n`);
        return;
      }
      await fetchModel(embeddings);
      process.stdout.write('运行 report-qa ingest 为已收录的报告补上向量（无需重建索引）\n');
    });
}
