// The embedded store (SQLite + hnswlib, IndexCore) behind the IndexBackend interface: synchronous work in async clothes.
import type { EmbeddingModelInfo } from './described-embeddings.js';
import type { IndexBackend, SentenceVectorBackend } from './index-backend.js';
import { IndexCore, type IndexChanges, type IndexRepair } from './index-core.js';
import { searchIndex } from './search-index.js';
import { SentenceVectorStore } from './sentence-vectors.js';
import type { DocumentRecord } from './types.js';

export function openEmbeddedBackend(dir: string, readOnly: boolean, onRepair?: (repair: IndexRepair) => void): IndexBackend {
  const core = new IndexCore(dir, readOnly, onRepair);
  const store = new SentenceVectorStore(core.store.db, !readOnly);
  const sentences: SentenceVectorBackend = {
    get: (docId, contentHash, model) => store.get(docId, contentHash, model),
    preload: async () => {},
    has: async (docId, contentHash, model) => store.has(docId, contentHash, model),
    put: async (docId, contentHash, model, value) => store.put(docId, contentHash, model, value),
    prune: async () => store.prune(),
  };
  const cachedVector = (hash: string) => core.store.cachedVector(hash);
  return {
    kind: 'embedded',
    readOnly,
    refresh: async () => core.refresh(true),
    documents(): DocumentRecord[] {
      core.refresh();
      return core.documents;
    },
    original(id) {
      core.refresh();
      return core.documents.some((document) => document.id === id) ? core.store.original(id) : null;
    },
    passageCount: () => core.store.passageCount(),
    hasVectors: () => core.vectors !== null,
    generation: () => core.generation,
    indexModel: () => core.indexModel,
    checkModel: (configured: EmbeddingModelInfo | null, forWriting: boolean) => core.checkModel(configured, forWriting),
    search: (setup, query, options) => searchIndex({ core, ...setup }, query, options),
    async cachedVectors(hashes) {
      const found = new Map<string, Float32Array>();
      for (const hash of hashes) {
        const vector = cachedVector(hash);
        if (vector) found.set(hash, vector);
      }
      return found;
    },
    lacksVectors: async (docId) => core.store.db.prepare('SELECT 1 FROM passages WHERE doc_id = ? AND vector IS NULL LIMIT 1').get(docId) !== undefined,
    commit: async (changes: IndexChanges, model) => core.commit(changes, model),
    sentences,
    removeNow(docId) {
      core.refresh();
      if (!core.documents.some((document) => document.id === docId)) return false;
      core.commit({ upserts: [], removals: [docId] }, core.indexModel);
      store.prune();
      return true;
    },
    close: async () => core.close(),
  };
}
