// The index's state on disk and in memory, and the one atomic way to change it.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, IndexStore, type NewDocument } from './index-store.js';
import type { EmbeddingModelInfo } from './described-embeddings.js';
import { EmbeddingModelMismatchError, IndexCorruptError, RetrievalError } from './retrieval-error.js';
import { sha256File } from './sha256-file.js';
import { createScopeResolver, scopeDocument, type ScopeResolver } from './infer-scope.js';
import type { DocumentRecord, PassageRecord } from './types.js';
import { toPassageRecord } from './index-store.js';
import { VectorIndex } from './vector-index.js';

const VECTOR_FILE = /^vectors-\d+\.hnsw(\.tmp-\d+)?$/;
const STRAY_AGE_MS = 5 * 60_000;
/** Passage records kept in memory between searches; past this many the cache starts over. */
const PASSAGE_CACHE_SIZE = 20_000;

export interface IndexChanges {
  upserts: NewDocument[];
  removals: string[];
}

/** A repair the index made on its own: the vector file was missing or failed its checksum and was rebuilt from SQLite. */
export interface IndexRepair {
  kind: 'vectors-rebuilt';
  /** The vector file named by the database, or null when it named none. */
  file: string | null;
  reason: 'missing' | 'no-checksum' | 'checksum-mismatch' | 'unreadable';
  /** How many stored vectors went into the new graph (none was embedded again). */
  vectors: number;
  /** Whether the rebuilt file was written (not in read-only mode, nor when another writer committed meanwhile). */
  saved: boolean;
  /** For people, in Chinese. */
  message: string;
}

const reasonText: Record<IndexRepair['reason'], string> = {
  missing: '文件不存在',
  'no-checksum': '没有记录校验值，无法确认完好',
  'checksum-mismatch': '内容与记录的 sha256 校验值不符，文件已被改动或损坏',
  unreadable: '校验通过但无法读取',
};

export class IndexCore {
  readonly store: IndexStore;
  vectors: VectorIndex | null = null;
  /** Model that built the stored vectors, or null while none are stored. */
  indexModel: EmbeddingModelInfo | null = null;
  generation = 0;
  documents: DocumentRecord[] = [];
  resolveScope: ScopeResolver = createScopeResolver([]);
  private dataVersion = -1;
  /** Whether this turn of the event loop has looked at data_version already (see refresh). */
  private lookedThisTurn = false;
  /** Passage records by label, of the current generation: a label names one stored passage until a commit removes it. */
  private readonly passageCache = new Map<number, PassageRecord>();

  constructor(
    readonly dir: string,
    readonly readOnly: boolean,
    private readonly onRepair: (repair: IndexRepair) => void = () => {},
  ) {
    if (!readOnly) mkdirSync(dir, { recursive: true });
    const file = join(dir, DATABASE_FILE);
    if (readOnly && !existsSync(file)) throw new RetrievalError(`索引不存在：${file}。请先导入报告建立索引。`, { code: 'index_missing' });
    // SQLite would take an empty file for a new database and the library would silently start over.
    if (statSync(file, { throwIfNoEntry: false })?.size === 0) throw new IndexCorruptError(file, '文件为空（0 字节），其中记录的报告已全部丢失');
    this.store = new IndexStore(file, { readonly: readOnly });
    try {
      // The originals are what answers quote: a changed byte there is a wrong quotation, so it is checked on every
      // writable open (the server, the CLI) against the hash stored beside it. Readers trust the writer's check.
      const failing = readOnly ? [] : this.store.documentsFailingChecksum();
      if (failing.length > 0) {
        throw new IndexCorruptError(file, `${failing.length} 份报告的原文与记录的 sha256 校验值不符（${failing.slice(0, 3).join('、')}${failing.length > 3 ? ' 等' : ''}）`);
      }
      this.load();
    } catch (error) {
      this.store.close();
      throw error;
    }
    if (!readOnly) this.removeStrayFiles();
  }

  /** Refuses an index built by another model; in keyword-only mode (configured null) an index with vectors is still searchable. */
  checkModel(configured: EmbeddingModelInfo | null, forWriting: boolean): void {
    if (!this.indexModel) return;
    if (configured === null) {
      if (forWriting) throw new EmbeddingModelMismatchError(this.indexModel, null);
      return;
    }
    if (configured.model !== this.indexModel.model || configured.dimensions !== this.indexModel.dimensions) {
      throw new EmbeddingModelMismatchError(this.indexModel, configured);
    }
  }

  /** Picks up commits made by another process (the CLI ingesting while the API serves). */
  refresh(always = false): void {
    // A request's start (a search, an explicit refresh) always looks. The reads that follow it in the same turn of
    // the event loop (an answer reads its documents and each report's sentence vectors dozens of times) see what
    // that look saw, as one read that started a moment earlier would; the next turn looks again.
    if (this.lookedThisTurn && !always) return;
    if (!this.lookedThisTurn) {
      this.lookedThisTurn = true;
      setImmediate(() => {
        this.lookedThisTurn = false;
      }).unref();
    }
    const version = this.store.dataVersion();
    if (version === this.dataVersion) return;
    const generation = Number(this.store.getMeta('generation') ?? 0);
    if (generation !== this.generation) this.load();
    this.dataVersion = version;
  }

  /** Applies removals and upserts in one SQLite transaction that also points at the new vector file. */
  commit(changes: IndexChanges, model: EmbeddingModelInfo | null): void {
    if (this.readOnly) throw new RetrievalError('索引以只读方式打开，不能写入', { code: 'index_read_only' });
    let previousFile: string | null = null;
    let nextFile = '';
    const hasVectors = changes.upserts.some((document) => document.passages.some((passage) => passage.vector));
    if (hasVectors && !model) throw new RetrievalError('缺少嵌入模型信息', { code: 'embedding_model_missing' });
    let wroteVectors = false;
    try {
      this.store.writeTransaction(() => {
        // Another process may have committed since we last looked: start from its state.
        if (Number(this.store.getMeta('generation') ?? 0) !== this.generation) this.load();
        const generation = this.generation + 1;
        previousFile = this.store.getMeta('vector_file');
        nextFile = `vectors-${generation}.hnsw`;
        const removed: number[] = [];
        for (const id of new Set([...changes.removals, ...changes.upserts.map((document) => document.id)])) {
          removed.push(...this.store.deleteDocument(id));
        }
        const added: { label: number; vector: Float32Array }[] = [];
        const indexedAt = new Date().toISOString();
        for (const document of changes.upserts) {
          const labels = this.store.insertDocument(document, document.indexedAt ?? indexedAt);
          document.passages.forEach((passage, index) => {
            if (passage.vector) added.push({ label: labels[index]!, vector: passage.vector });
          });
        }
        if (model && (hasVectors || this.vectors)) {
          if (!this.vectors) this.vectors = VectorIndex.empty(model.dimensions, added.length + 16);
          for (const label of removed) this.vectors.remove(label);
          for (const entry of added) this.vectors.add(entry.label, entry.vector);
          if (this.vectors.wasted > Math.max(1000, this.vectors.size)) {
            this.vectors = VectorIndex.build(model.dimensions, this.store.vectors(), this.store.vectorCount());
          }
          this.vectors.write(join(this.dir, nextFile));
          wroteVectors = true;
          this.store.setMeta('vector_file', nextFile);
          this.store.setMeta('vector_sha256', sha256File(join(this.dir, nextFile)));
          this.store.setMeta('model', model.model);
          this.store.setMeta('dimensions', String(model.dimensions));
        }
        this.store.setMeta('generation', String(generation));
      });
    } catch (error) {
      if (wroteVectors) rmSync(join(this.dir, nextFile), { force: true });
      // The in-memory graph saw changes that were rolled back: reread the committed state.
      this.load();
      throw error;
    }
    const stale = previousFile as string | null;
    if (wroteVectors && stale && stale !== nextFile) rmSync(join(this.dir, stale), { force: true });
    this.load({ keepVectors: true });
  }

  close(): void {
    this.store.close();
  }

  /** Passage records by label (look them up with get); labels no longer stored are left out. */
  passages(labels: readonly number[]): Map<number, PassageRecord> {
    const found = new Map<number, PassageRecord>();
    const missing: number[] = [];
    for (const label of labels) {
      const cached = this.passageCache.get(label);
      if (cached) found.set(label, cached);
      else missing.push(label);
    }
    if (missing.length === 0) return found;
    if (this.passageCache.size + missing.length > PASSAGE_CACHE_SIZE) this.passageCache.clear();
    for (const [label, row] of this.store.passages(missing)) {
      const record = toPassageRecord(row);
      this.passageCache.set(label, record);
      found.set(label, record);
    }
    return found;
  }

  private load(options: { keepVectors?: boolean } = {}): void {
    this.passageCache.clear();
    this.generation = Number(this.store.getMeta('generation') ?? 0);
    this.dataVersion = this.store.dataVersion();
    const model = this.store.getMeta('model');
    const dimensions = Number(this.store.getMeta('dimensions') ?? 0);
    this.indexModel = model && dimensions > 0 ? { model, dimensions } : null;
    this.documents = this.store.documents();
    this.resolveScope = createScopeResolver(this.documents.map(scopeDocument));
    if (options.keepVectors && this.vectors) return;
    this.vectors = this.indexModel ? this.loadVectors(this.indexModel.dimensions) : null;
  }

  /**
   * Reads the current vector file after checking it against the sha256 recorded at its commit (hnswlib trusts its
   * input: damaged links crash the process, damaged values silently reorder results). A file that is missing, has
   * no checksum or fails it is rebuilt from the vectors stored in SQLite, without embedding anything again.
   */
  private loadVectors(dimensions: number): VectorIndex {
    const count = this.store.vectorCount();
    const { vector_file: file, vector_sha256: checksum } = this.store.metaValues(['vector_file', 'vector_sha256'] as const);
    let reason: IndexRepair['reason'];
    if (!file || !existsSync(join(this.dir, file))) reason = 'missing';
    else if (!checksum) reason = 'no-checksum';
    else if (sha256File(join(this.dir, file)) !== checksum) reason = 'checksum-mismatch';
    else {
      try {
        return VectorIndex.read(join(this.dir, file), dimensions, count);
      } catch {
        reason = 'unreadable';
      }
    }
    const rebuilt = VectorIndex.build(dimensions, this.store.vectors(), count);
    const saved = !this.readOnly && this.saveRebuiltVectors(rebuilt);
    this.onRepair({
      kind: 'vectors-rebuilt',
      file,
      reason,
      vectors: count,
      saved,
      message:
        `向量索引文件 ${file ?? '（未记录）'} 未通过校验（${reasonText[reason]}），已根据数据库中保存的 ${count} 个向量重建` +
        (saved ? '并写回磁盘' : '（仅在内存中）') + '，未重新计算嵌入',
    });
    return rebuilt;
  }

  /** Writes a rebuilt graph with its checksum, unless another writer has committed a newer generation meanwhile. */
  private saveRebuiltVectors(rebuilt: VectorIndex): boolean {
    return this.store.writeTransaction(() => {
      if (Number(this.store.getMeta('generation') ?? 0) !== this.generation) return false;
      const name = `vectors-${this.generation}.hnsw`;
      rebuilt.write(join(this.dir, name));
      this.store.setMeta('vector_file', name);
      this.store.setMeta('vector_sha256', sha256File(join(this.dir, name)));
      return true;
    });
  }

  /**
   * Vector files a crash left behind: written but never committed, or half-written. Recent ones may belong to
   * another writer about to commit, so only files older than a few minutes go.
   */
  private removeStrayFiles(): void {
    const current = this.store.getMeta('vector_file');
    const cutoff = Date.now() - STRAY_AGE_MS;
    for (const name of readdirSync(this.dir)) {
      if (!VECTOR_FILE.test(name) || name === current) continue;
      const file = join(this.dir, name);
      if ((statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < cutoff) rmSync(file, { force: true });
    }
  }
}
