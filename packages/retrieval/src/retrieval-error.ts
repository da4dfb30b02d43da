// Errors of @report-qa/retrieval: one base class, with subclasses the app maps to specific responses.

/** Base class of every error this package throws on purpose. */
export class RetrievalError extends Error {
  override name = 'RetrievalError';
  /** A stable machine-readable code for API responses. */
  readonly code: string;
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? 'retrieval_error';
  }
}

/** The embedding model cannot be used (missing folder, load failure, remote service down). */
export class EmbeddingUnavailableError extends RetrievalError {
  override name = 'EmbeddingUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'embedding_unavailable' });
  }
}

/** The index was built with a different embedding model or dimension than the one configured. */
export class EmbeddingModelMismatchError extends RetrievalError {
  override name = 'EmbeddingModelMismatchError';
  constructor(
    readonly indexModel: { model: string; dimensions: number },
    readonly configuredModel: { model: string; dimensions: number } | null,
  ) {
    const configured = configuredModel ? `${configuredModel.model}（${configuredModel.dimensions} 维）` : '无（仅关键词模式）';
    super(
      `索引由嵌入模型 ${indexModel.model}（${indexModel.dimensions} 维）构建，当前配置的嵌入模型为 ${configured}，两者不能混用。` +
        '请删除索引目录后重建索引（或以 rebuild 选项重新导入全部报告）。',
      { code: 'embedding_model_mismatch' },
    );
  }
}

/** The index database is empty, not a database or fails SQLite's integrity check: it must be rebuilt, not used. */
export class IndexCorruptError extends RetrievalError {
  override name = 'IndexCorruptError';
  constructor(
    readonly file: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`索引数据库 ${file} 已损坏：${detail}`, { ...options, code: 'index_corrupt' });
  }
}
