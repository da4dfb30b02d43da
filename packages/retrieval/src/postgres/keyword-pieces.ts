// Keyword tokens as FTS5's unicode61 tokenizer sees them (letters, digits and private-use characters, lower-cased),
// so that the tsvector in PostgreSQL holds the same terms, counts and lengths as the embedded store's BM25.
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/** The pieces of one jieba token: usually the token itself; 12.3% gives 12 and 3. */
export function keywordPieces(token: string): string[] {
  return token.toLowerCase().split(SEPARATORS).filter((piece) => piece.length > 0);
}

/** Space-joined pieces of space-joined tokens, and how many there are (the passage's length for BM25). */
export function passagePieces(tokens: string): { text: string; count: number } {
  const pieces = tokens.split(' ').flatMap(keywordPieces);
  return { text: pieces.join(' '), count: pieces.length };
}

/** A vector as pgvector's text form. */
export function vectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}

/** pgvector's text form back as floats (float4 prints its shortest exact form, so nothing is lost). */
export function parseVectorLiteral(text: string): Float32Array {
  return Float32Array.from(JSON.parse(text) as number[]);
}
