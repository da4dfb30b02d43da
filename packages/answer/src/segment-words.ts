// Chinese word segmentation of a question's key terms: retrieval's jieba with the genre's dictionary, so keyword
// search and evidence coverage read words alike.
import { genreJieba } from '@report-qa/retrieval';

export function segmentWords(text: string): string[] {
  return genreJieba().cut(text, true);
}

/** Words with their part of speech (jieba's tags: n… nouns, v verbs, m numerals, x unknown). */
export function tagWords(text: string): { word: string; tag: string }[] {
  return genreJieba().tag(text, true);
}
