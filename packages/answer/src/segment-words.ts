// Chinese word segmentation (jieba with the genre's dictionary, as keyword search uses) for a question's key terms;
// one dictionary load per process.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { domainDictionaryText } from '@report-qa/retrieval';

let shared: Jieba | null = null;

function jieba(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(Buffer.from(domainDictionaryText()));
  }
  return shared;
}

export function segmentWords(text: string): string[] {
  return jieba().cut(text, true);
}

/** Words with their part of speech (jieba's tags: n… nouns, v verbs, m numerals, x unknown). */
export function tagWords(text: string): { word: string; tag: string }[] {
  return jieba().tag(text, true);
}
