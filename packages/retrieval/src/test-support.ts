// Shared helpers of this package's tests: where the sample data and the model are.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedReport, ParseOptions } from '@report-qa/parser';
import * as parser from '@report-qa/parser';
import { Embeddings } from '@langchain/core/embeddings';

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, '../../..');
export const reportsDir = join(repositoryRoot, 'data/reports');
export const modelDir = process.env.EMBEDDING_MODEL_DIR ?? null;
export const modelSkipMessage = 'EMBEDDING_MODEL_DIR is not set: skipping the tests that need the local embedding model';

export function temporaryDir(prefix = 'retrieval-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const SAMPLE_METADATA: Record<string, { region: string; regionPath: string[]; year: number; level: 'city' | 'county' }> = {
  '000': { region: '海东市', regionPath: ['青海省', '海东市'], year: 2020, level: 'city' },
  '001': { region: '西宁市湟中区', regionPath: ['青海省', '西宁市', '湟中区'], year: 2020, level: 'county' },
  '002': { region: '海西蒙古族藏族自治州', regionPath: ['青海省', '海西蒙古族藏族自治州'], year: 2021, level: 'city' },
  '003': { region: '西宁市', regionPath: ['青海省', '西宁市'], year: 2022, level: 'city' },
  '004': { region: '西宁市城东区', regionPath: ['青海省', '西宁市', '城东区'], year: 2017, level: 'county' },
};

/** The parser's parseReport when it exists; until then a line-based splitter with the samples' known metadata. */
export function parseForTests(input: string | Uint8Array, options: ParseOptions): ParsedReport {
  const real = (parser as unknown as { parseReport?: (i: string | Uint8Array, o: ParseOptions) => ParsedReport }).parseReport;
  if (real) return real(input, options);
  const original = (typeof input === 'string' ? input : new TextDecoder().decode(input)).replace(/^\uFEFF/, '');
  const known = SAMPLE_METADATA[(options.source ?? '').slice(0, 3)];
  const chunks: ParsedReport['chunks'] = [];
  const target = options.targetSize ?? 300;
  let start = -1;
  let end = 0;
  const flush = () => {
    if (start >= 0) chunks.push({ id: `${options.source}#${chunks.length}`, text: original.slice(start, end).trim(), sectionPath: '', start, end });
    start = -1;
  };
  for (const match of original.matchAll(/[^\n]+/g)) {
    if (!match[0].trim()) continue;
    if (start < 0) start = match.index;
    end = match.index + match[0].length;
    if (end - start >= target) flush();
  }
  flush();
  return {
    original,
    metadata: {
      title: null,
      region: known?.region ?? null,
      regionPath: known?.regionPath ?? [],
      level: known?.level ?? null,
      year: known?.year ?? null,
      issuer: null,
      docNumber: null,
      publishedAt: null,
      signer: null,
    },
    sections: [],
    chunks,
  };
}

/**
 * Deterministic embeddings from character bigrams, for tests about storage rather than meaning
 * (a fake at the LangChain Embeddings boundary; ranking tests use the real model).
 */
export class BigramEmbeddings extends Embeddings {
  readonly model: string;
  readonly dimensions: number;
  constructor(options: { model?: string; dimensions?: number } = {}) {
    super({});
    this.model = options.model ?? 'bigram-test';
    this.dimensions = options.dimensions ?? 64;
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.vector(document));
  }
  async embedQuery(document: string): Promise<number[]> {
    return this.vector(document);
  }
  private vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (let index = 0; index + 1 < text.length; index++) {
      const code = text.charCodeAt(index) * 31 + text.charCodeAt(index + 1);
      vector[code % this.dimensions]! += 1;
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / norm);
  }
}
