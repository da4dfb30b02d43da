// Chinese tokens for BM25: jieba search-mode segmentation with the domain dictionary, minus stop words.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_TERMS, domainDictionaryText } from './domain-dictionary.js';
import { isPunctuation, STOP_WORDS } from './stop-words.js';

export interface KeywordTokenizer {
  /** Tokens of a passage, in order, repeats kept (term frequency matters to BM25). */
  tokenize(text: string): string[];
  /** Distinct tokens of a query. */
  queryTokens(text: string): string[];
}

let shared: Jieba | null = null;

/**
 * The process's one jieba with the genre's dictionary (loading takes a few hundred milliseconds); the answerer
 * segments questions with it too, so keyword search and evidence coverage read words alike.
 */
export function genreJieba(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(Buffer.from(domainDictionaryText()));
  }
  return shared;
}

/** Joins what OCR and PDF extraction split with spaces (「236 名」, 「法 治」) so words segment whole. */
export function normalizeForTokens(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<=[\p{Script=Han}\d])\s+(?=[\p{Script=Han}\d])/gu, '');
}

const TERMS = new Set(DOMAIN_TERMS);

/**
 * Search mode only adds the two- and three-character words inside a long word, so 法治政府 inside
 * 法治政府建设 would be lost: longer domain terms inside a token are added too.
 */
function withInnerTerms(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    out.push(token);
    if (token.length < 5) continue;
    for (let length = token.length - 1; length >= 4; length--) {
      for (let start = 0; start + length <= token.length; start++) {
        const inner = token.slice(start, start + length);
        if (TERMS.has(inner)) out.push(inner);
      }
    }
  }
  return out;
}

export function createKeywordTokenizer(): KeywordTokenizer {
  const segmenter = genreJieba();
  const tokenize = (text: string): string[] =>
    withInnerTerms(segmenter.cutForSearch(normalizeForTokens(text), true).map((token) => token.trim())).filter(
      (token) => token.length > 0 && !isPunctuation(token) && !STOP_WORDS.has(token),
    );
  return {
    tokenize,
    queryTokens: (text) => [...new Set(tokenize(text))],
  };
}
