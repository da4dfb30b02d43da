// Local bge embeddings through Transformers.js in a worker thread, so inference never blocks the event loop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Embeddings } from '@langchain/core/embeddings';
import { EmbeddingUnavailableError } from './retrieval-error.js';

/** bge-*-zh models are trained with this instruction in front of queries (never passages). */
export const BGE_ZH_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

export interface LocalEmbeddingsOptions {
  /** The folder that holds the model folder (e.g. the one containing bge-small-zh-v1.5/). */
  modelDir: string | null;
  /** Model folder name (default bge-small-zh-v1.5). */
  model?: string;
  /** Let Transformers.js download the model when it is not in modelDir (default false). */
  allowRemote?: boolean;
  /** Texts per inference call (default 16). */
  batchSize?: number;
  /** ONNX weights variant (default q8). */
  dtype?: 'q8' | 'fp32' | 'fp16' | 'int8' | 'uint8' | 'q4';
  /** Prefix for queries (default the bge Chinese instruction; '' for none). */
  queryInstruction?: string;
  /** ONNX Runtime intra-op threads (default: runtime's choice). */
  threads?: number;
}

interface Pending {
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { type: 'ready'; dimensions: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows: number; dimensions: number; data: Float32Array }
  | { type: 'error'; id: number; message: string };

/** Embeddings of a local ONNX model; create with LocalEmbeddings.create(). */
export class LocalEmbeddings extends Embeddings {
  readonly model: string;
  readonly dimensions: number;
  /** Texts per inference call; the benchmark changes it between runs. */
  batchSize: number;
  private readonly queryInstruction: string;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    options: { model: string; dimensions: number; batchSize: number; queryInstruction: string },
  ) {
    super({});
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize;
    this.queryInstruction = options.queryInstruction;
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new EmbeddingUnavailableError('嵌入模型进程已退出')));
    worker.unref();
  }

  /** Starts the worker and waits until the model is loaded; throws EmbeddingUnavailableError when it cannot be. */
  static async create(options: LocalEmbeddingsOptions): Promise<LocalEmbeddings> {
    const model = options.model ?? 'bge-small-zh-v1.5';
    const allowRemote = options.allowRemote ?? false;
    if (!allowRemote) {
      const folder = options.modelDir ? join(options.modelDir, model) : null;
      if (!folder || !existsSync(join(folder, 'config.json')) || !existsSync(join(folder, 'onnx'))) {
        throw new EmbeddingUnavailableError(
          `找不到本地嵌入模型 ${model}：${folder ?? '未配置模型目录'}。请把模型放到该目录（含 config.json 与 onnx/），或改用关键词检索。`,
        );
      }
    }
    const worker = new Worker(new URL('../worker/embed-worker.mjs', import.meta.url), {
      workerData: { modelDir: options.modelDir, model, allowRemote, dtype: options.dtype ?? 'q8', threads: options.threads },
    });
    const dimensions = await new Promise<number>((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message.dimensions);
        else if (message.type === 'failed') reject(new EmbeddingUnavailableError(`嵌入模型 ${model} 加载失败：${message.message}`));
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', (error) => reject(new EmbeddingUnavailableError(`嵌入模型 ${model} 加载失败`, { cause: error })));
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new LocalEmbeddings(worker, {
      model,
      dimensions,
      batchSize: options.batchSize ?? 16,
      queryInstruction: options.queryInstruction ?? BGE_ZH_QUERY_INSTRUCTION,
    });
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    // Sorting by length keeps padding inside each batch small; the original order is restored after.
    const order = documents.map((_, index) => index).sort((a, b) => documents[a]!.length - documents[b]!.length);
    const vectors: number[][] = new Array(documents.length);
    for (let offset = 0; offset < order.length; offset += this.batchSize) {
      const indexes = order.slice(offset, offset + this.batchSize);
      const batch = await this.run(indexes.map((index) => documents[index]!));
      indexes.forEach((index, position) => {
        vectors[index] = batch[position]!;
      });
    }
    return vectors;
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.run([this.queryInstruction + document]);
    return vector!;
  }

  /** Stops the worker; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private run(texts: string[]): Promise<number[][]> {
    if (this.closed) return Promise.reject(new EmbeddingUnavailableError('嵌入模型已关闭'));
    if (texts.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise<number[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keep the process alive only while a request is in flight.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, texts });
    });
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'error') {
      pending.reject(new EmbeddingUnavailableError(`嵌入计算失败：${message.message}`));
      return;
    }
    const rows: number[][] = [];
    for (let row = 0; row < message.rows; row++) {
      rows.push(Array.from(message.data.subarray(row * message.dimensions, (row + 1) * message.dimensions)));
    }
    pending.resolve(rows);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
