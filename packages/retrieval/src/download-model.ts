// Fetches an embedding model from the Hugging Face hub (or a mirror) into a model folder, atomically.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RetrievalError } from './retrieval-error.js';

/** The files LocalEmbeddings loads (q8 weights): nothing else of the repository is fetched. */
export const LOCAL_MODEL_FILES = ['config.json', 'tokenizer_config.json', 'tokenizer.json', 'onnx/model_quantized.onnx'] as const;

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** Where hub repositories of Transformers.js models live: the model folder name under Xenova/. */
export const defaultModelRepository = (model: string): string => `Xenova/${model}`;

export interface DownloadModelOptions {
  /** The hub or a mirror with its URL layout, e.g. https://hf-mirror.com (default https://huggingface.co). */
  endpoint?: string;
  /** Hub repository, e.g. Xenova/bge-small-zh-v1.5. */
  repository: string;
  /** Branch, tag or commit (default main). */
  revision?: string;
  /** The folder that will hold the model folder (an EMBEDDING_MODEL_DIR). */
  modelDir: string;
  /** Model folder name, e.g. bge-small-zh-v1.5. */
  model: string;
  /** Files to fetch, relative to the repository (default LOCAL_MODEL_FILES). */
  files?: readonly string[];
  /** Longest wait for a response or for the next bytes of one (default 20 s). */
  stallTimeoutMs?: number;
  onProgress?: (progress: ModelDownloadProgress) => void;
}

export interface ModelDownloadProgress {
  file: string;
  /** 0-based position of the file, and how many there are. */
  fileIndex: number;
  files: number;
  receivedBytes: number;
  /** From Content-Length; null when the server does not say. */
  totalBytes: number | null;
  done: boolean;
}

/** The model could not be fetched; nothing was left in the model folder. */
export class ModelDownloadError extends RetrievalError {
  override name = 'ModelDownloadError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'model_download_failed' });
  }
}

/** The URL Transformers.js itself uses: `{endpoint}/{repository}/resolve/{revision}/{file}` (its remotePathTemplate). */
export function modelFileUrl(endpoint: string, repository: string, revision: string, file: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${repository}/resolve/${encodeURIComponent(revision)}/${file}`;
}

const TEMPORARY_PREFIX = (model: string) => `.${model}.download-`;
/** A temporary folder this old is a leftover of a killed download, not one in progress. */
const STALE_MS = 60 * 60 * 1000;

/**
 * Downloads the model files into a temporary folder beside the target and renames it into place, so the model folder
 * either holds every file whole or does not exist. Returns the model folder. Throws ModelDownloadError.
 */
export async function downloadModel(options: DownloadModelOptions): Promise<string> {
  const target = join(options.modelDir, options.model);
  if (existsSync(target)) return target;
  const files = options.files ?? LOCAL_MODEL_FILES;
  const endpoint = options.endpoint ?? DEFAULT_HUB_ENDPOINT;
  const revision = options.revision ?? 'main';
  await mkdir(options.modelDir, { recursive: true }).catch((error: unknown) => {
    throw new ModelDownloadError(`无法创建模型目录 ${options.modelDir}`, { cause: error });
  });
  await removeStaleDownloads(options.modelDir, options.model);
  const temporary = await mkdtemp(join(options.modelDir, TEMPORARY_PREFIX(options.model)));
  try {
    for (const [fileIndex, file] of files.entries()) {
      const url = modelFileUrl(endpoint, options.repository, revision, file);
      await downloadFile(url, join(temporary, file), options.stallTimeoutMs ?? 20_000, (receivedBytes, totalBytes, done) =>
        options.onProgress?.({ file, fileIndex, files: files.length, receivedBytes, totalBytes, done }),
      );
    }
    // Another process may have finished first: keep its folder.
    if (existsSync(target)) return target;
    await rename(temporary, target);
    return target;
  } catch (error) {
    throw error instanceof ModelDownloadError ? error : new ModelDownloadError(`嵌入模型下载失败：${describe(error)}`, { cause: error });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

async function downloadFile(
  url: string,
  path: string,
  stallTimeoutMs: number,
  report: (receivedBytes: number, totalBytes: number | null, done: boolean) => void,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`${Math.round(stallTimeoutMs / 1000)} 秒内没有收到数据`)), stallTimeoutMs);
  };
  arm();
  try {
    // identity: Content-Length then counts the bytes written, so a cut-off transfer is caught.
    const response = await fetch(url, { signal: controller.signal, headers: { 'accept-encoding': 'identity' } }).catch((error: unknown) => {
      throw new ModelDownloadError(`无法连接 ${new URL(url).origin}：${describe(error)}`, { cause: error });
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new ModelDownloadError(`下载 ${url} 失败：HTTP ${response.status}`);
    }
    const length = Number(response.headers.get('content-length'));
    const totalBytes = Number.isFinite(length) && length > 0 && !response.headers.get('content-encoding') ? length : null;
    let receivedBytes = 0;
    report(0, totalBytes, false);
    await mkdir(dirname(path), { recursive: true });
    const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>).on('data', (chunk: Buffer) => {
      arm();
      receivedBytes += chunk.length;
      report(receivedBytes, totalBytes, false);
    });
    await pipeline(counted, createWriteStream(path));
    if (totalBytes !== null && receivedBytes !== totalBytes) {
      throw new ModelDownloadError(`下载 ${url} 不完整：收到 ${receivedBytes} 字节，应为 ${totalBytes} 字节`);
    }
    report(receivedBytes, totalBytes ?? receivedBytes, true);
  } catch (error) {
    if (error instanceof ModelDownloadError) throw error;
    throw new ModelDownloadError(`下载 ${url} 中断：${describe(controller.signal.aborted ? controller.signal.reason : error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function removeStaleDownloads(modelDir: string, model: string): Promise<void> {
  const entries = await readdir(modelDir).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(TEMPORARY_PREFIX(model)))) {
    const folder = join(modelDir, entry);
    const info = await stat(folder).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(folder, { recursive: true, force: true });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `（${error.cause.message}）` : '';
  return `${error.message}${cause}`;
}
