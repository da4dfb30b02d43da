// Chinese word segmentation (jieba) for a question's key terms; one dictionary load per process.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let shared: Jieba | null = null;

export function segmentWords(text: string): string[] {
  shared ??= Jieba.withDict(dict);
  return shared.cut(text, true);
}
