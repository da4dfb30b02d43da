// Where this package's tests find the sample reports and the model, and a temporary folder for an index.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, '../../../..');
export const reportsDir = join(repositoryRoot, 'data/reports');
export const modelDir = process.env.EMBEDDING_MODEL_DIR ?? null;
export const modelSkipMessage = 'EMBEDDING_MODEL_DIR is not set: skipping the tests that need the local embedding model';

export function temporaryDir(prefix = 'retrieval-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
