// The model in the calling thread gives the worker pool's vectors exactly, for queries and passages alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddings } from './create-embeddings.js';
import { InThreadEmbeddings } from './in-thread-embeddings.js';
import { LocalEmbeddings } from './local-embeddings.js';
import { EmbeddingUnavailableError } from './retrieval-error.js';
import { modelDir, modelSkipMessage } from './testing/index.js';

if (!modelDir) console.warn(modelSkipMessage);

describe.skipIf(!modelDir)('InThreadEmbeddings', () => {
  let inThread: InThreadEmbeddings;
  let worker: LocalEmbeddings;

  beforeAll(async () => {
    const built = await createEmbeddings({ provider: 'local', modelDir, threads: 1, inThread: true });
    expect(built).toBeInstanceOf(InThreadEmbeddings);
    inThread = built as InThreadEmbeddings;
    worker = await LocalEmbeddings.create({ modelDir, threads: 1 });
  });
  afterAll(async () => {
    await Promise.all([inThread?.close(), worker?.close()]);
  });

  it('names the model and its size as the worker pool does', () => {
    expect(inThread.model).toBe(worker.model);
    expect(inThread.dimensions).toBe(worker.dimensions);
  });

  it('gives a query the same vector as the worker pool, instruction and all', async () => {
    for (const question of ['海东市2020年收到多少件行政复议申请？', '西宁和海西在行政执法三项制度上各有什么做法']) {
      expect(await inThread.embedQuery(question)).toEqual(await worker.embedQuery(question));
    }
  });

  it('gives passages the same vectors in their order, batched by length as the pool batches them', async () => {
    const passages = ['全年共受理行政复议申请53件。', '推进严格规范公正文明执法，全面落实行政执法三项制度，执法公示、执法全过程记录和重大执法决定法制审核。', '法律援助'];
    expect(await inThread.embedDocuments(passages)).toEqual(await worker.embedDocuments(passages));
  });

  it('refuses work once closed, with the error the app degrades on', async () => {
    const closing = await InThreadEmbeddings.create({ modelDir, threads: 1 });
    await closing.close();
    await expect(closing.embedQuery('法治政府')).rejects.toBeInstanceOf(EmbeddingUnavailableError);
  });
});

describe('InThreadEmbeddings without a model', () => {
  it('says where the model was looked for', async () => {
    await expect(InThreadEmbeddings.create({ modelDir: '/nonexistent/models' })).rejects.toThrow(/找不到本地嵌入模型 bge-small-zh-v1\.5：\/nonexistent\/models\/bge-small-zh-v1\.5/);
  });
});
