// Embeddings from any OpenAI-compatible /embeddings endpoint, with the response checked by zod.
import { Embeddings } from '@langchain/core/embeddings';
import OpenAI from 'openai';
import { z } from 'zod';
import { EmbeddingUnavailableError } from './retrieval-error.js';

export interface OpenAIEmbeddingsOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Requested vector size (sent only when given). */
  dimensions?: number | undefined;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Prefix for queries (default none). */
  queryInstruction?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

const embeddingResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

/** Embeddings of a remote model; create with OpenAICompatibleEmbeddings.create() to learn its dimension. */
export class OpenAICompatibleEmbeddings extends Embeddings {
  readonly model: string;
  dimensions: number;
  private readonly client: OpenAI;
  private readonly requestedDimensions: number | undefined;
  private readonly batchSize: number;
  private readonly queryInstruction: string;

  constructor(options: OpenAIEmbeddingsOptions) {
    super({});
    this.client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
    });
    this.model = options.model;
    this.requestedDimensions = options.dimensions;
    this.dimensions = options.dimensions ?? 0;
    this.batchSize = options.batchSize ?? 64;
    this.queryInstruction = options.queryInstruction ?? '';
  }

  /** Builds the client and asks for one vector, so a wrong URL, key or model fails now and the dimension is known. */
  static async create(options: OpenAIEmbeddingsOptions): Promise<OpenAICompatibleEmbeddings> {
    const embeddings = new OpenAICompatibleEmbeddings(options);
    const [probe] = await embeddings.request(['测试']);
    embeddings.dimensions = probe!.length;
    return embeddings;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let offset = 0; offset < documents.length; offset += this.batchSize) {
      vectors.push(...(await this.request(documents.slice(offset, offset + this.batchSize))));
    }
    return vectors;
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.request([this.queryInstruction + document]);
    return vector!;
  }

  private async request(input: string[]): Promise<number[][]> {
    if (input.length === 0) return [];
    let raw: unknown;
    try {
      raw = await this.client.embeddings.create({
        model: this.model,
        input,
        encoding_format: 'float',
        ...(this.requestedDimensions ? { dimensions: this.requestedDimensions } : {}),
      });
    } catch (error) {
      throw new EmbeddingUnavailableError(`嵌入服务请求失败（${this.model}）`, { cause: error });
    }
    const parsed = embeddingResponseSchema.safeParse(raw);
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new EmbeddingUnavailableError(`嵌入服务返回的数据格式不正确（${this.model}）`, { cause: parsed.error });
    }
    const rows = [...parsed.data.data].sort((a, b) => a.index - b.index);
    return rows.map((row) => normalize(row.embedding));
  }
}

/** Unit length, so inner product and cosine agree whatever the service returns. */
function normalize(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}
