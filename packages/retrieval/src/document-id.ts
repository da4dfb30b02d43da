// Stable identities: a document is named by its source file name, so an edited file keeps its id and links.
import { createHash } from 'node:crypto';

/** 12 hex characters of sha256 over the source name (e.g. 000_2c522bdb5677e79f.txt). */
export function documentId(source: string): string {
  return createHash('sha256').update(`source:${source}`).digest('hex').slice(0, 12);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
