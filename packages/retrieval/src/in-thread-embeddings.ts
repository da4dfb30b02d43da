// Local bge embeddings computed in the calling thread: for threads that exist to compute (the answer pool's workers),
// where handing each question to an embedding thread of their own costs more than it frees.
import { Embeddings } from '@langchain/core/embeddings';
import { embedTexts, loadFeatureExtractor, type FeatureExtractor } from '../worker/feature-extractor.mjs';
import { BGE_ZH_QUERY_INSTRUCTION, embedInLengthOrder, localModelOptions, vectorRows, type LocalEmbeddingsOptions } from './local-embeddings.js';
import { EmbeddingUnavailableError } from './retrieval-error.js';

/** The same model, options and vectors as LocalEmbeddings, without a worker: each call blocks this thread while it runs. */
export class InThreadEmbeddings extends Embeddings {
  private closed = false;

  private constructor(
    private readonly extractor: FeatureExtractor,
    readonly model: string,
    readonly dimensions: number,
    private readonly queryInstruction: string,
    private readonly batchSize: number,
  ) {
    super({});
  }

  /** Loads the model in this thread; throws EmbeddingUnavailableError when it cannot be. */
  static async create(options: LocalEmbeddingsOptions): Promise<InThreadEmbeddings> {
    const loading = localModelOptions(options);
    let extractor: FeatureExtractor;
    let dimensions: number;
    try {
      extractor = await loadFeatureExtractor(loading);
      ({ dimensions } = await embedTexts(extractor, ['测试']));
    } catch (error) {
      throw new EmbeddingUnavailableError(`嵌入模型 ${loading.model} 加载失败：${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new InThreadEmbeddings(extractor, loading.model, dimensions, options.queryInstruction ?? BGE_ZH_QUERY_INSTRUCTION, options.batchSize ?? 16);
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embed([this.queryInstruction + document]);
    return vector!;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return embedInLengthOrder(documents, this.batchSize, (texts) => this.embed(texts));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.extractor.dispose();
  }

  private async embed(texts: string[]): Promise<number[][]> {
    if (this.closed) throw new EmbeddingUnavailableError('嵌入模型已关闭');
    if (texts.length === 0) return [];
    let result: Awaited<ReturnType<typeof embedTexts>>;
    try {
      result = await embedTexts(this.extractor, texts);
    } catch (error) {
      throw new EmbeddingUnavailableError(`嵌入计算失败：${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return vectorRows(result.data, result.rows, result.dimensions);
  }
}
