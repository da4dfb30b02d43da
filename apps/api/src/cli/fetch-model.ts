// The model step of `serve` and `report-qa model fetch`: a missing local model is fetched once from the hub or HF_ENDPOINT.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_HUB_ENDPOINT, downloadModel } from '@report-qa/retrieval';
import type { AppConfig } from '../config/config.js';
import { modelProgressPrinter } from './model-progress.js';

type LocalEmbeddingsConfig = Extract<AppConfig['embeddings'], { provider: 'local' }>;

/** The model folder is there (a fetched one is renamed into place whole, so its presence means complete). */
export function hasModel(embeddings: LocalEmbeddingsConfig): boolean {
  return embeddings.modelDir !== null && existsSync(join(embeddings.modelDir, embeddings.model));
}

/** Downloads the configured model into its fetch folder and points the configuration at it. Throws ModelDownloadError. */
export async function fetchModel(embeddings: LocalEmbeddingsConfig, stream: NodeJS.WriteStream = process.stderr): Promise<string> {
  const { endpoint, repository, modelDir } = embeddings.fetch;
  stream.write(`正在从 ${endpoint} 下载嵌入模型 ${repository}（只需一次）到 ${modelDir}…\n`);
  const folder = await downloadModel({ endpoint, repository, modelDir, model: embeddings.model, onProgress: modelProgressPrinter(stream) });
  embeddings.modelDir = modelDir;
  stream.write(`嵌入模型已就绪：${folder}\n`);
  return folder;
}

/**
 * Before `serve` indexes: when no model folder was found and fetching on start is allowed (not CI, not
 * EMBEDDING_ALLOW_REMOTE=0), fetch it; a failure is told and the start goes on keyword-only.
 */
export async function fetchModelOnStart(config: AppConfig, stream: NodeJS.WriteStream = process.stderr): Promise<void> {
  const embeddings = config.embeddings;
  if (embeddings.provider !== 'local' || hasModel(embeddings) || !embeddings.fetch.onStart) return;
  await fetchModel(embeddings, stream).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // huggingface.co is out of reach from most of mainland China; the mirror serves the same layout.
    const mirror = embeddings.fetch.endpoint === DEFAULT_HUB_ENDPOINT ? '在中国大陆可设置 HF_ENDPOINT=https://hf-mirror.com；' : '';
    stream.write(`警告：${message}。本次仅用关键词检索；${mirror}联网后运行 report-qa model fetch，再运行 report-qa ingest 补上向量（或设置 EMBEDDING_ALLOW_REMOTE=0 不再尝试下载）\n`);
  });
}
