// The embedding pool with the real local model: several workers, queries batched when they queue, same vectors as alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbeddings } from './local-embeddings.js';
import { modelDir, modelSkipMessage } from './testing/index.js';

const QUESTIONS = [
  '海东市2020年收到多少件行政复议申请',
  '城东区执法证换证换的是哪年发的证',
  '海西州法律援助挽回了多少经济损失',
  '湟中区行政应诉案件多少件',
  '西宁规范性文件清理废止了多少件',
  '负责人出庭应诉率',
  '双随机一公开抽查的规模',
  '优化营商环境压缩了多少办事时限',
  '行政执法三项制度落实情况',
  '给政府当参谋的律师帮着打了多少官司',
];

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let index = 0; index < a.length; index++) dot += a[index]! * b[index]!;
  return dot; // both are normalised
}

if (!modelDir) console.warn(modelSkipMessage);

describe.skipIf(!modelDir)('LocalEmbeddings pool', () => {
  let pool: LocalEmbeddings;
  let single: LocalEmbeddings;

  beforeAll(async () => {
    [pool, single] = await Promise.all([
      LocalEmbeddings.create({ modelDir, workers: 2, threads: 1, maxQueryBatch: 4 }),
      LocalEmbeddings.create({ modelDir, threads: 1, maxQueryBatch: 1 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([pool?.close(), single?.close()]);
  });

  it('embeds a burst of queries in fewer calls than queries, each vector close to the one embedded alone', async () => {
    const alone: number[][] = [];
    for (const question of QUESTIONS) alone.push(await single.embedQuery(question));
    const before = pool.stats();
    const together = await Promise.all(QUESTIONS.map((question) => pool.embedQuery(question)));
    const after = pool.stats();
    expect(after.workers).toBe(2);
    expect(after.queries - before.queries).toBe(QUESTIONS.length);
    // Two go out at once (one per worker); the other eight wait and leave in batches of at most four.
    expect(after.queryCalls - before.queryCalls).toBeLessThan(QUESTIONS.length);
    together.forEach((vector, index) => {
      expect(vector).toHaveLength(single.dimensions);
      // q8 weights quantize activations per call, so batch-mates move a vector a little (cosine ≈ 0.995), not more.
      expect(cosine(vector, alone[index]!)).toBeGreaterThan(0.99);
    });
    expect(after.queued).toBe(0);
    expect(after.running).toBe(0);
  });

  it('spreads passage batches over the workers and keeps their order', async () => {
    pool.batchSize = 2;
    const passages = QUESTIONS.map((question) => `${question}。这是报告中的一段文字。`);
    const [spread, sequential] = await Promise.all([pool.embedDocuments(passages), single.embedDocuments(passages)]);
    expect(spread).toHaveLength(passages.length);
    spread.forEach((vector, index) => expect(cosine(vector, sequential[index]!)).toBeGreaterThan(0.99));
  });

  it('gives every query the vector it has alone when batching is off, whichever worker embeds it', async () => {
    const unbatched = await LocalEmbeddings.create({ modelDir, workers: 2, threads: 1, maxQueryBatch: 1 });
    try {
      const alone: number[][] = [];
      for (const question of QUESTIONS) alone.push(await single.embedQuery(question));
      const together = await Promise.all(QUESTIONS.map((question) => unbatched.embedQuery(question)));
      expect(unbatched.stats().queryCalls).toBe(QUESTIONS.length);
      together.forEach((vector, index) => expect(cosine(vector, alone[index]!)).toBeGreaterThan(0.99999));
    } finally {
      await unbatched.close();
    }
  });

  it('fails calls after close with a Chinese message', async () => {
    const closing = await LocalEmbeddings.create({ modelDir, threads: 1 });
    await closing.close();
    await expect(closing.embedQuery('海东')).rejects.toThrow('嵌入模型已关闭');
  });
});
