// A pool of answer worker threads behind the Answerer interface, so answers use every core while HTTP, WeChat state,
// rate limits and admission stay in the one main thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnswerEvent, AnswerResult, Answerer, AnswererOptions, AskInput } from '@report-qa/answer';
import type { EmbeddingsOptions } from '@report-qa/retrieval';
import type { IndicatorDefinition } from '@report-qa/indicators';

/** What each worker opens and answers with: plain data, copied to the worker thread. */
export interface AnswerWorkerOptions {
  indexDir: string;
  /** The data folder: reports in its uploads/ are marked as uploads on citations. */
  dataDir: string;
  /** postgres:// URL of a shared index, or null for the files in indexDir. */
  databaseUrl: string | null;
  embeddings: EmbeddingsOptions;
  /** An OpenAI-compatible LLM; null for extractive answers. */
  llm: AnswererOptions['llm'] | null;
  /**
   * The indicator list comparisons are answered from (default: the bundled one), as the main thread's answerer has
   * it: an answer must not depend on which thread computed it.
   */
  indicators?: readonly IndicatorDefinition[];
}

/** 'ask' gets the result alone (one message back), 'stream' every event. */
export type PoolRequest = { type: 'ask' | 'stream'; id: number; input: Omit<AskInput, 'signal'> } | { type: 'abort'; id: number };

interface SerializedError {
  name: string;
  message: string;
  code?: string;
  userMessage?: string;
}

export type PoolReply =
  | { type: 'ready'; mode: string }
  | { type: 'failed'; error: SerializedError }
  | { type: 'event'; id: number; event: AnswerEvent }
  | { type: 'result'; id: number; result: AnswerResult }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

export interface AnswerPool extends Answerer {
  readonly size: number;
  /** Answers in progress per worker. */
  load(): number[];
  /** Workers able to answer (one that died is replaced). */
  alive(): number;
  close(): Promise<void>;
}

/**
 * Built from this package's dist in every case (from src/ under vitest, from dist/ when built): a worker thread cannot
 * load the TypeScript sources the tests run from.
 */
const WORKER_FILE = new URL('../dist/answer-worker.js', import.meta.url);

interface Listener {
  onEvent: (event: AnswerEvent) => void;
  onResult?: (result: AnswerResult) => void;
  onEnd: (error: Error | null) => void;
}

interface PoolWorker {
  worker: Worker;
  listeners: Map<number, Listener>;
  /** Exited: takes no more questions while its replacement starts. */
  dead: boolean;
}

export interface AnswerPoolOptions {
  /** The worker program (default packages/library/dist/answer-worker.js); tests give a fake that speaks the same protocol. */
  workerFile?: URL;
}

/**
 * The parent's Node options without export conditions: under vitest the parent resolves workspace packages to their
 * TypeScript sources ("source"), which a worker thread cannot load; the worker uses the built dist/ instead.
 */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--conditions' || arg === '-C') index += 1;
    else if (!arg.startsWith('--conditions=')) kept.push(arg);
  }
  return kept;
}

/** An Error that maps to the same user message as the one thrown in the worker (toUserError reads code/userMessage). */
function revive(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & { code?: string; userMessage?: string };
  error.name = serialized.name;
  if (serialized.code) error.code = serialized.code;
  if (serialized.userMessage) error.userMessage = serialized.userMessage;
  return error;
}

export async function createAnswerPool(workerOptions: AnswerWorkerOptions, size: number, options: AnswerPoolOptions = {}): Promise<AnswerPool> {
  const workerFile = options.workerFile ?? WORKER_FILE;
  if (!existsSync(fileURLToPath(workerFile))) throw new Error(`回答线程的程序不存在：${fileURLToPath(workerFile)}。请先运行 npm run build。`);
  let closed = false;
  let workers: PoolWorker[] = [];
  const start = (): Promise<PoolWorker> => {
    const worker = new Worker(workerFile, { workerData: { options: workerOptions }, execArgv: workerExecArgv() });
    const entry: PoolWorker = { worker, listeners: new Map(), dead: false };
    return new Promise<PoolWorker>((resolve, reject) => {
      const onStartup = (reply: PoolReply) => {
        if (reply.type === 'ready') resolve(entry);
        else if (reply.type === 'failed') reject(revive(reply.error));
        else return;
        worker.off('message', onStartup);
      };
      worker.on('message', onStartup);
      worker.once('error', reject);
      worker.on('message', (reply: PoolReply) => {
        if (reply.type !== 'event' && reply.type !== 'result' && reply.type !== 'end' && reply.type !== 'error') return;
        const listener = entry.listeners.get(reply.id);
        if (!listener) return;
        if (reply.type === 'event') {
          listener.onEvent(reply.event);
          return;
        }
        if (reply.type === 'result') listener.onResult?.(reply.result);
        entry.listeners.delete(reply.id);
        listener.onEnd(reply.type === 'error' ? revive(reply.error) : null);
      });
      const failAll = (error: Error) => {
        for (const listener of entry.listeners.values()) listener.onEnd(error);
        entry.listeners.clear();
      };
      worker.on('error', failAll);
      worker.on('exit', () => {
        reject(new Error('回答线程启动时退出'));
        entry.dead = true;
        failAll(new Error('回答线程已退出'));
        if (!closed && workers.includes(entry)) replace(entry);
      });
    });
  };
  /** A worker that died (out of memory, a native crash) is replaced, so the pool keeps its size. */
  const replace = (dead: PoolWorker) => {
    void start().then(
      (fresh) => {
        const at = workers.indexOf(dead);
        if (closed) void fresh.worker.terminate();
        else if (at >= 0) workers[at] = fresh;
      },
      () => {
        // It stays dead; the others keep answering, and a pool with none left says so on every question.
      },
    );
  };
  const started = await Promise.allSettled(Array.from({ length: Math.max(1, size) }, start));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    closed = true;
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.worker.terminate() : null)));
    throw failure.reason;
  }
  workers = started.map((result) => (result as PromiseFulfilledResult<PoolWorker>).value);
  let nextId = 1;

  const leastBusy = () => {
    const alive = workers.filter((entry) => !entry.dead);
    if (alive.length === 0) throw new Error('回答线程均已退出，正在重启，请稍后再试');
    return alive.reduce((best, candidate) => (candidate.listeners.size < best.listeners.size ? candidate : best));
  };

  /** The answer's events as the worker produces them; the least busy worker takes it. */
  async function* stream(input: AskInput): AsyncGenerator<AnswerEvent> {
    const target = leastBusy();
    const id = nextId++;
    const { signal, ...rest } = input;
    const queue: AnswerEvent[] = [];
    let finished = false;
    let failed: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    target.listeners.set(id, {
      onEvent: (event) => {
        queue.push(event);
        notify();
      },
      onEnd: (error) => {
        finished = true;
        failed = error;
        notify();
      },
    });
    const abort = () => target.worker.postMessage({ type: 'abort', id } satisfies PoolRequest);
    signal?.addEventListener('abort', abort, { once: true });
    target.worker.postMessage({ type: 'stream', id, input: rest } satisfies PoolRequest);
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (finished) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (failed) throw failed;
    } finally {
      signal?.removeEventListener('abort', abort);
      // The consumer stopped early (a client went away): the worker stops too.
      if (!finished) {
        target.listeners.delete(id);
        abort();
      }
    }
  }

  return {
    size: workers.length,
    stream,
    ask(input) {
      let target: PoolWorker;
      try {
        target = leastBusy();
      } catch (error) {
        return Promise.reject(error);
      }
      const id = nextId++;
      const { signal, ...rest } = input;
      const abort = () => target.worker.postMessage({ type: 'abort', id } satisfies PoolRequest);
      return new Promise<AnswerResult>((resolve, reject) => {
        let result: AnswerResult | null = null;
        target.listeners.set(id, {
          onEvent: () => {},
          onResult: (value) => (result = value),
          onEnd: (error) => {
            signal?.removeEventListener('abort', abort);
            if (error) reject(error);
            else if (result) resolve(result);
            else reject(new Error('回答未完成'));
          },
        });
        signal?.addEventListener('abort', abort, { once: true });
        target.worker.postMessage({ type: 'ask', id, input: rest } satisfies PoolRequest);
      });
    },
    load: () => workers.map((entry) => entry.listeners.size),
    alive: () => workers.filter((entry) => !entry.dead).length,
    close: async () => {
      closed = true;
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}
