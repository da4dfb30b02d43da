// Short deterministic hashes for passage ids: FNV-1a over UTF-16 code units, no crypto needed.

export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/** 'report-0003-1x2y3z4' from a source hint, the passage's index and its text. */
export function passageId(source: string | undefined, index: number, text: string): string {
  const stem = source ? source.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').replace(/[^\w\u4e00-\u9fff-]+/g, '_') : '';
  const prefix = stem ? `${stem}-` : '';
  return `${prefix}${String(index).padStart(4, '0')}-${shortHash(text)}`;
}
