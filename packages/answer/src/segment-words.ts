// Chinese word segmentation (jieba) for a question's key terms; one dictionary load per process.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let shared: Jieba | null = null;

export function segmentWords(text: string): string[] {
  shared ??= Jieba.withDict(dict);
  return shared.cut(text, true);
}

/** Words with their part of speech (jieba's tags: n… nouns, v verbs, m numerals, x unknown). */
export function tagWords(text: string): { word: string; tag: string }[] {
  shared ??= Jieba.withDict(dict);
  return shared.tag(text, true);
}
