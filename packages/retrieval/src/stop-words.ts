// Words too common in reports, or in questions, to help ranking.

/** Function words, punctuation-like tokens and question/filler words dropped from indexed and query tokens. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // function words
  '的', '了', '和', '是', '在', '等', '及', '与', '或', '对', '为', '把', '被', '将', '从', '向', '以', '于', '并',
  '也', '就', '都', '而', '且', '之', '其', '中', '上', '下', '个', '这', '那', '有', '着', '过', '还', '又', '要',
  '把', '给', '让', '到', '由', '以及', '并且', '进行', '开展', '一个', '一些', '这个', '那个', '这些', '那些',
  '我们', '你们', '他们', '它们', '我', '你', '他', '她', '它', '们', '啊', '吧', '呀', '哦', '嗯', '哈',
  // question and chat words
  '多少', '哪些', '哪个', '哪几个', '哪几', '哪', '哪里', '哪儿', '什么', '啥', '怎么', '怎么样', '怎样', '如何',
  '吗', '呢', '么', '几', '几个', '是否', '有没有', '是不是', '请问', '问下', '问一下', '想问', '想', '知道',
  '一下', '在吗', '急', '谢谢', '麻烦', '帮忙', '请', '领导', '等着', '写稿', '用', '来着', '叫', '呗', '各',
  '分别', '一共', '总共', '共', '具体', '都', '搞', '干', '了些', '些',
]);

/** True for tokens made only of punctuation, symbols or spaces. */
export function isPunctuation(token: string): boolean {
  return !/[\p{L}\p{N}]/u.test(token);
}
