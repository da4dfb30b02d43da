// Local bge embeddings through Transformers.js in worker threads, so inference never blocks the event loop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Embeddings } from '@langchain/core/embeddings';
import type { FeatureExtractorOptions } from '../worker/feature-extractor.mjs';
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
  /** Texts per inference call when embedding passages (default 16). */
  batchSize?: number;
  /** ONNX weights variant (default q8). */
  dtype?: 'q8' | 'fp32' | 'fp16' | 'int8' | 'uint8' | 'q4';
  /** Prefix for queries (default the bge Chinese instruction; '' for none). */
  queryInstruction?: string;
  /** ONNX Runtime intra-op threads per worker (default: runtime's choice). */
  threads?: number;
  /** Worker threads, each with its own model session (default 1). */
  workers?: number;
  /**
   * Run the model in the calling thread instead of worker threads (`workers` is then ignored): each call blocks that
   * thread while it computes, so this is for threads that exist to compute, like the answer pool's, never for the
   * thread that serves HTTP.
   */
  inThread?: boolean;
  /**
   * Queries that arrive while every worker is busy are embedded together, up to this many per inference call
   * (default 1: off). One call for several short queries costs far less than one call each, but q8 weights quantize
   * activations per call, so a query's vector then moves a little with its batch-mates (cosine ≈ 0.995).
   */
  maxQueryBatch?: number;
}

interface QueryJob {
  text: string;
  resolve: (vector: number[]) => void;
  reject: (error: Error) => void;
}

interface DocumentJob {
  texts: string[];
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { type: 'ready'; dimensions: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows: number; dimensions: number; data: Float32Array }
  | { type: 'error'; id: number; message: string };

/** One worker thread and the request it is working on (at most one: ONNX Runtime takes the cores it is given). */
interface Slot {
  worker: Worker;
  busy: { id: number; settle: (error: Error | null, rows: number[][]) => void } | null;
  dead: boolean;
}

/** Counters of the pool, for health and the load benchmark. */
export interface EmbeddingPoolStats {
  workers: number;
  /** Queries and passage batches waiting for a free worker. */
  queued: number;
  /** Inference calls running now. */
  running: number;
  /** Queries embedded so far, and the inference calls they took (fewer calls than queries = batching at work). */
  queries: number;
  queryCalls: number;
}

/** The vectors of a row-major block, one array each. */
export function vectorRows(data: Float32Array, rows: number, dimensions: number): number[][] {
  return Array.from({ length: rows }, (_, row) => Array.from(data.subarray(row * dimensions, (row + 1) * dimensions)));
}

/**
 * Embeds documents in batches of similar length, so padding inside each batch stays small (and a document's vector does
 * not depend on where it sits in the list), and gives the vectors back in the documents' order.
 */
export async function embedInLengthOrder(documents: string[], batchSize: number, embedBatch: (texts: string[]) => Promise<number[][]>): Promise<number[][]> {
  const order = documents.map((_, index) => index).sort((a, b) => documents[a]!.length - documents[b]!.length);
  const vectors: number[][] = new Array(documents.length);
  const batches: Promise<void>[] = [];
  for (let offset = 0; offset < order.length; offset += batchSize) {
    const indexes = order.slice(offset, offset + batchSize);
    batches.push(
      embedBatch(indexes.map((index) => documents[index]!)).then((batch) => {
        indexes.forEach((index, position) => {
          vectors[index] = batch[position]!;
        });
      }),
    );
  }
  await Promise.all(batches);
  return vectors;
}

/**
 * What loading the model takes, once the model folder is known to be there (unless the hub may be asked); throws
 * EmbeddingUnavailableError naming the folder otherwise.
 */
export function localModelOptions(options: LocalEmbeddingsOptions): FeatureExtractorOptions & { model: string } {
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
  return { modelDir: options.modelDir, model, allowRemote, dtype: options.dtype ?? 'q8', ...(options.threads ? { threads: options.threads } : {}) };
}

async function startWorker(workerData: FeatureExtractorOptions, model: string): Promise<{ worker: Worker; dimensions: number }> {
  const worker = new Worker(new URL('../worker/embed-worker.mjs', import.meta.url), { workerData });
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
  return { worker, dimensions };
}

/** Embeddings of a local ONNX model; create with LocalEmbeddings.create(). */
export class LocalEmbeddings extends Embeddings {
  readonly model: string;
  readonly dimensions: number;
  /** Texts per inference call for passages; the benchmark changes it between runs. */
  batchSize: number;
  private readonly queryInstruction: string;
  private readonly maxQueryBatch: number;
  private readonly slots: Slot[];
  private readonly queries: QueryJob[] = [];
  private readonly documents: DocumentJob[] = [];
  private nextId = 1;
  private closed = false;
  private queryCount = 0;
  private queryCalls = 0;

  private constructor(
    workers: Worker[],
    options: { model: string; dimensions: number; batchSize: number; queryInstruction: string; maxQueryBatch: number },
  ) {
    super({});
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize;
    this.queryInstruction = options.queryInstruction;
    this.maxQueryBatch = options.maxQueryBatch;
    this.slots = workers.map((worker) => ({ worker, busy: null, dead: false }));
    for (const slot of this.slots) {
      slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.onExit(slot, error));
      slot.worker.on('exit', () => this.onExit(slot, new EmbeddingUnavailableError('嵌入模型进程已退出')));
      slot.worker.unref();
    }
  }

  /** Starts the workers and waits until the model is loaded in each; throws EmbeddingUnavailableError when it cannot be. */
  static async create(options: LocalEmbeddingsOptions): Promise<LocalEmbeddings> {
    const workerData = localModelOptions(options);
    const { model } = workerData;
    const count = Math.max(1, Math.floor(options.workers ?? 1));
    const started = await Promise.allSettled(Array.from({ length: count }, () => startWorker(workerData, model)));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.worker.terminate() : null)));
      throw failure.reason;
    }
    const workers = started.map((result) => (result as PromiseFulfilledResult<{ worker: Worker; dimensions: number }>).value);
    return new LocalEmbeddings(
      workers.map((item) => item.worker),
      {
        model,
        dimensions: workers[0]!.dimensions,
        batchSize: options.batchSize ?? 16,
        queryInstruction: options.queryInstruction ?? BGE_ZH_QUERY_INSTRUCTION,
        maxQueryBatch: Math.max(1, Math.floor(options.maxQueryBatch ?? 1)),
      },
    );
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    // Batches go out together, so every worker takes a share.
    return embedInLengthOrder(documents, this.batchSize, (texts) => this.enqueueDocuments(texts));
  }

  embedQuery(document: string): Promise<number[]> {
    if (this.closed) return Promise.reject(new EmbeddingUnavailableError('嵌入模型已关闭'));
    return new Promise<number[]>((resolve, reject) => {
      this.queries.push({ text: this.queryInstruction + document, resolve, reject });
      this.dispatch();
    });
  }

  stats(): EmbeddingPoolStats {
    return {
      workers: this.slots.filter((slot) => !slot.dead).length,
      queued: this.queries.length + this.documents.length,
      running: this.slots.filter((slot) => slot.busy).length,
      queries: this.queryCount,
      queryCalls: this.queryCalls,
    };
  }

  /** Stops the workers; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.failQueued(new EmbeddingUnavailableError('嵌入模型已关闭'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private enqueueDocuments(texts: string[]): Promise<number[][]> {
    if (this.closed) return Promise.reject(new EmbeddingUnavailableError('嵌入模型已关闭'));
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise<number[][]>((resolve, reject) => {
      this.documents.push({ texts, resolve, reject });
      this.dispatch();
    });
  }

  /** Gives each idle worker the next work: the waiting queries first (together), then a passage batch. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || slot.dead) continue;
      if (this.queries.length > 0) {
        const jobs = this.queries.splice(0, this.maxQueryBatch);
        this.queryCount += jobs.length;
        this.queryCalls += 1;
        this.send(slot, jobs.map((job) => job.text), (error, rows) => {
          jobs.forEach((job, index) => (error ? job.reject(error) : job.resolve(rows[index]!)));
        });
      } else if (this.documents.length > 0) {
        const job = this.documents.shift()!;
        this.send(slot, job.texts, (error, rows) => (error ? job.reject(error) : job.resolve(rows)));
      } else {
        return;
      }
    }
  }

  private send(slot: Slot, texts: string[], settle: (error: Error | null, rows: number[][]) => void): void {
    const id = this.nextId++;
    slot.busy = { id, settle };
    // Keep the process alive only while a request is in flight.
    slot.worker.ref();
    slot.worker.postMessage({ id, texts });
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const busy = slot.busy;
    if (!busy || busy.id !== message.id) return;
    slot.busy = null;
    slot.worker.unref();
    if (message.type === 'error') {
      busy.settle(new EmbeddingUnavailableError(`嵌入计算失败：${message.message}`), []);
    } else {
      busy.settle(null, vectorRows(message.data, message.rows, message.dimensions));
    }
    this.dispatch();
  }

  /** A worker that died fails its request; when none is left, everything waiting fails too. */
  private onExit(slot: Slot, error: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    const busy = slot.busy;
    slot.busy = null;
    busy?.settle(error, []);
    if (this.slots.every((other) => other.dead)) this.failQueued(error);
    else this.dispatch();
  }

  private failQueued(error: Error): void {
    for (const job of this.queries.splice(0)) job.reject(error);
    for (const job of this.documents.splice(0)) job.reject(error);
  }
}
