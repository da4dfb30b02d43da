import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadModel, LOCAL_MODEL_FILES, ModelDownloadError, modelFileUrl, type ModelDownloadProgress } from './download-model.js';
import { repositoryRoot, startFakeHub, type FakeHub } from './testing/index.js';

const sharedModel = resolve(repositoryRoot, '../shared/models/bge-small-zh-v1.5');
const repository = 'Xenova/bge-small-zh-v1.5';
let hub: FakeHub | null = null;
let modelDir = '';

afterEach(async () => {
  await hub?.close();
  hub = null;
  if (modelDir) rmSync(modelDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(sharedModel))('downloadModel', () => {
  it('fetches only the files the local loader needs, under the hub layout, with progress up to each size', async () => {
    hub = await startFakeHub({ repositories: { [repository]: sharedModel } });
    modelDir = mkdtempSync(join(tmpdir(), 'model-download-'));
    const progress: ModelDownloadProgress[] = [];
    const folder = await downloadModel({ endpoint: `${hub.endpoint}/`, repository, modelDir, model: 'bge-small-zh-v1.5', onProgress: (event) => progress.push(event) });

    expect(folder).toBe(join(modelDir, 'bge-small-zh-v1.5'));
    expect(hub.requests).toEqual(LOCAL_MODEL_FILES.map((file) => `/${repository}/resolve/main/${file}`));
    for (const file of LOCAL_MODEL_FILES) expect(readFileSync(join(folder, file)).equals(readFileSync(join(sharedModel, file)))).toBe(true);
    expect(readdirSync(modelDir)).toEqual(['bge-small-zh-v1.5']);
    const onnx = progress.filter((event) => event.file === 'onnx/model_quantized.onnx');
    const size = readFileSync(join(sharedModel, 'onnx/model_quantized.onnx')).length;
    expect(onnx.at(-1)).toMatchObject({ done: true, receivedBytes: size, totalBytes: size, fileIndex: 3, files: 4 });
    expect(onnx.length).toBeGreaterThan(2);
  });

  it('leaves no model folder and no temporary folder when a transfer is cut off', async () => {
    hub = await startFakeHub({ repositories: { [repository]: sharedModel }, truncate: ['onnx/model_quantized.onnx'] });
    modelDir = mkdtempSync(join(tmpdir(), 'model-download-'));
    const download = downloadModel({ endpoint: hub.endpoint, repository, modelDir, model: 'bge-small-zh-v1.5' });
    await expect(download).rejects.toBeInstanceOf(ModelDownloadError);
    expect(readdirSync(modelDir)).toEqual([]);
  });

  it('names the HTTP status of a file the hub does not have, and writes nothing', async () => {
    hub = await startFakeHub({ repositories: {} });
    modelDir = mkdtempSync(join(tmpdir(), 'model-download-'));
    await expect(downloadModel({ endpoint: hub.endpoint, repository, modelDir, model: 'bge-small-zh-v1.5' })).rejects.toThrow(/HTTP 404/);
    expect(readdirSync(modelDir)).toEqual([]);
  });
});

describe('modelFileUrl', () => {
  it('follows the Transformers.js remote path template on any mirror', () => {
    expect(modelFileUrl('https://hf-mirror.com/', repository, 'main', 'onnx/model_quantized.onnx')).toBe(
      'https://hf-mirror.com/Xenova/bge-small-zh-v1.5/resolve/main/onnx/model_quantized.onnx',
    );
  });
});
