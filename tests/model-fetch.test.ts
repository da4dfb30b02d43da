// `npm start` on a machine without the embedding model: fetched once from HF_ENDPOINT (a fake hub on loopback) with
// progress, then indexed with vectors; never fetched under CI or EMBEDDING_ALLOW_REMOTE=0, where the start is keyword-only.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHub, type FakeHub } from '@report-qa/retrieval/testing';
import { healthSchema } from '@report-qa/schema';
import { inspectIndex, runCli } from './support/library-index.js';
import { reportsDir, repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

const sharedModel = resolve(repositoryRoot, '../shared/models/bge-small-zh-v1.5');
const repository = 'Xenova/bge-small-zh-v1.5';
const modelFiles = ['config.json', 'tokenizer_config.json', 'tokenizer.json', 'onnx/model_quantized.onnx'];
let hub: FakeHub | null = null;
let server: RunningServer | null = null;
let root = '';

/** A machine with no model anywhere it is looked for: an empty EMBEDDING_MODEL_DIR and DATA_DIR. */
function freshMachine(hubEndpoint: string, env: Record<string, string>) {
  root = mkdtempSync(join(tmpdir(), 'report-qa-model-fetch-'));
  const modelDir = join(root, 'models');
  return {
    modelDir,
    env: { DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index'), REPORTS_DIR: reportsDir, EMBEDDING_MODEL_DIR: modelDir, HF_ENDPOINT: hubEndpoint, CI: '', EMBEDDING_ALLOW_REMOTE: '', ...env },
  };
}

async function health(url: string) {
  return healthSchema.parse(await (await fetch(`${url}/api/health`)).json());
}

afterEach(async () => {
  await server?.close();
  server = null;
  await hub?.close();
  hub = null;
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!existsSync(sharedModel))('the model step of npm start', () => {
  it('fetches the missing model from HF_ENDPOINT with progress, then indexes with vectors', async () => {
    hub = await startFakeHub({ repositories: { [repository]: sharedModel } });
    // EMBEDDING_ALLOW_REMOTE and CI unset, as on a newcomer's machine.
    const machine = freshMachine(hub.endpoint, {});
    server = await startServer({ indexDir: machine.env.INDEX_DIR, env: machine.env });

    expect(hub.requests).toEqual(modelFiles.map((file) => `/${repository}/resolve/main/${file}`));
    const output = server.output();
    expect(output).toContain(`正在从 ${hub.endpoint} 下载嵌入模型 ${repository}`);
    for (const [index, file] of modelFiles.entries()) expect(output).toMatch(new RegExp(`已下载 ${file}（[\\d.]+ MB）\\[${index + 1}/4\\]`));
    expect(output.indexOf('已下载 onnx/model_quantized.onnx')).toBeLessThan(output.indexOf('向量化完成'));
    expect(readdirSync(machine.modelDir)).toEqual(['bge-small-zh-v1.5']);
    const status = await health(server.url);
    expect(status.embeddings).toMatchObject({ provider: 'local', model: 'bge-small-zh-v1.5', warning: null });
    expect(status.warnings).toEqual([]);
  });

  it.each([
    ['CI=true', { CI: 'true' }],
    ['CI=true with EMBEDDING_ALLOW_REMOTE=1', { CI: 'true', EMBEDDING_ALLOW_REMOTE: '1' }],
    ['EMBEDDING_ALLOW_REMOTE=0', { EMBEDDING_ALLOW_REMOTE: '0' }],
  ])('under %s sends no request and starts keyword-only with the usual warning', async (_name, env) => {
    hub = await startFakeHub({ repositories: { [repository]: sharedModel } });
    const machine = freshMachine(hub.endpoint, env);
    server = await startServer({ indexDir: machine.env.INDEX_DIR, env: machine.env });

    expect(hub.requests).toEqual([]);
    expect(existsSync(machine.modelDir)).toBe(false);
    const status = await health(server.url);
    expect(status.embeddings.provider).toBe('none');
    expect(status.warnings.some((warning) => warning.startsWith('向量模型不可用，已降级为仅关键词检索'))).toBe(true);
  });

  it('starts keyword-only when the hub cannot be reached, leaving nothing in the model folder', async () => {
    hub = await startFakeHub({ repositories: {} });
    const endpoint = hub.endpoint;
    await hub.close();
    hub = null;
    const machine = freshMachine(endpoint, {});
    server = await startServer({ indexDir: machine.env.INDEX_DIR, env: machine.env });

    expect(server.output()).toContain(`无法连接 ${endpoint}`);
    expect(readdirSync(machine.modelDir)).toEqual([]);
    expect((await health(server.url)).embeddings.provider).toBe('none');
  });

  it('a running keyword-only server gains the model: report-qa model fetch, then report-qa ingest adds vectors in place', async () => {
    hub = await startFakeHub({ repositories: { [repository]: sharedModel } });
    const machine = freshMachine(hub.endpoint, { EMBEDDING_ALLOW_REMOTE: '0' });
    server = await startServer({ indexDir: machine.env.INDEX_DIR, env: machine.env });
    expect((await health(server.url)).embeddings.provider).toBe('none');
    const before = inspectIndex(machine.env.INDEX_DIR);
    expect(before.documents).toHaveLength(5);

    const fetched = await runCli(['model', 'fetch'], machine.env);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stderr).toContain('已下载 onnx/model_quantized.onnx');
    expect(hub.requests).toHaveLength(4);

    const withVectors = await runCli(['ingest'], machine.env);
    expect(withVectors.code, withVectors.stderr).toBe(0);
    expect(withVectors.stderr).toContain('向量化完成');
    expect(withVectors.stdout).toMatch(/新增 0，/);
    expect(withVectors.stdout).toContain('检索方式 向量+关键词');
    // The same documents, now with every vector: the index was completed in place, not rebuilt.
    const after = inspectIndex(machine.env.INDEX_DIR);
    expect(after.problems).toEqual([]);
    expect(after.documents.map(({ id, contentHash }) => ({ id, contentHash }))).toEqual(before.documents.map(({ id, contentHash }) => ({ id, contentHash })));
    // The running server still answers from the index; restarted, it searches with vectors too.
    const search = await fetch(`${server.url}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '行政复议', topK: 3 }) });
    expect(search.status).toBe(200);
    await server.close();
    server = await startServer({ indexDir: machine.env.INDEX_DIR, env: machine.env });
    expect((await health(server.url)).embeddings).toMatchObject({ provider: 'local', warning: null });
    expect(hub.requests).toHaveLength(4);
  });
});
