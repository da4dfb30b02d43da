// Reads what a question asks for: its kind (figure, list, named thing), the units it wants, and its key terms.
import { segmentWords } from './segment-words.js';

export type QuestionKind = 'number' | 'list' | 'fact';

export interface QuestionAnalysis {
  kind: QuestionKind;
  /** Units a figure in the answer should carry (e.g. 件, 人次, %); empty when any figure will do. */
  units: string[];
  /** The question asks for a year (哪年). */
  wantsYear: boolean;
  /** The question asks for an ordinal (第几次). */
  wantsOrdinal: boolean;
  /** The question asks for a name (叫什么, 什么方案, 哪个). */
  wantsName: boolean;
  /** The question asks who (谁). */
  wantsPerson: boolean;
  /** Content words of the question as character bigrams (and latin/digit tokens). */
  terms: string[];
}

/** Units a figure may carry in the reports, longest first so 件次 wins over 件. */
export const figureUnits = [
  '平方米', '万元', '亿元', '件次', '人次', '场次', '课时', '余件', '余人', '%', '％', '元', '件', '人', '名', '个', '项', '次',
  '起', '辆', '处', '场', '家', '条', '户', '篇', '期', '份', '所', '支', '批', '部', '本', '册', '套', '台', '间', '万', '亿',
];

// Synonyms: a question about people (多少人) is answered by 名 or 人次 too; money by 元/万元/亿元.
const unitFamilies: Record<string, string[]> = {
  人: ['人', '名', '人次', '余人'],
  // 名 counts persons; 人次 counts visits, so it does not answer 多少名.
  名: ['名', '人', '余人'],
  人次: ['人次', '人'],
  件: ['件', '件次', '余件', '起'],
  件次: ['件次', '件'],
  起: ['起', '件'],
  钱: ['元', '万元', '亿元'],
  元: ['元', '万元', '亿元'],
  万元: ['万元', '元', '亿元'],
  '%': ['%', '％'],
};

const numberPatterns = [/多少/u, /(?<![哪第])几(?!乎|年)[\u4e00-\u9fff]?/u, /比例|比率|占比|数量|规模|金额|百分之|压缩了|增长了|下降了/u, /率(?![先领])(?:是|为|有|达到|呢|[？?]|$)/u];
const listPatterns = [/做了什么|干了什么|做了哪些|采取了什么|开展了什么|有什么做法|哪些|哪几|哪[一二三四五六七八九十两]|措施|做法|举措|怎么|如何|怎样|什么活动|啥活动|干了些啥|干了啥|有啥|打算|不足|短板/u];
// Topic words that suggest a list only when the question does not ask for one named thing (什么方案, 叫什么).
const weakListPatterns = [/问题|经验|亮点|特色|成效|情况|安排/u];
const yearPatterns = [/哪一?年|哪几年|何年|什么时候|哪个年份/u];
const ordinalPatterns = [/第几/u];
const namePatterns = [/叫什么|叫啥|名称|全称|什么名字|是什么|是哪个|哪个|什么方案|什么文件|什么系统|谁|哪里|在哪|什么地方|哪个部门/u];

// Question, filler and function words carry no topic; leaving them out keeps them out of the key terms.
const stopWords = new Set([
  '写稿', '领导', '等着', '请问', '问下', '想问', '在吗', '来着', '一下', '帮忙', '麻烦', '谢谢', '多少', '哪些', '哪几个', '哪几',
  '哪个', '哪一', '哪年', '哪里', '什么', '怎么', '怎么样', '如何', '怎样', '是否', '有没有', '能否', '一共', '总共', '分别', '各是',
  '各自', '具体', '那个', '这个', '那些', '这些', '我们', '你们', '他们', '自己', '一下', '是不是', '叫啥', '名字', '情况', '方面',
  '这块', '那阵子', '全州', '全市', '全区', '全县', '全省', '我区', '我市', '我州', '做法', '措施', '举措', '各有', '打算', '经验', '最高', '最低', '最多', '最少', '报告', '地方', '地区', '有个', '为了', '一起', '下面', '多大', '最后', '已经', '一年', '全称', '时候', '东西', '以后', '之后', '主要', '有关', '相关', '开展', '进行',
]);

const unitAfterQuestionWord = new RegExp(
  `(?:多少|(?<![哪第])几)(${[...figureUnits, '钱', '人'].sort((a, b) => b.length - a.length).join('|').replace('%|', '')})`,
  'gu',
);

/** The units a number question asks for, with their synonyms. */
function askedUnits(question: string): string[] {
  const units = new Set<string>();
  for (const match of question.matchAll(unitAfterQuestionWord)) {
    const unit = match[1] ?? '';
    for (const member of unitFamilies[unit] ?? [unit]) units.add(member);
  }
  if (/率(?![先领])|比例|占比|百分之|压缩|提高了|下降了|增长了/u.test(question)) for (const unit of unitFamilies['%'] ?? []) units.add(unit);
  if (/多少钱|金额|罚没款|罚款|经济损失|资金|经费|费用|少收|收费/u.test(question)) for (const unit of unitFamilies['钱'] ?? []) units.add(unit);
  return [...units];
}

/** Content words of a text (jieba), minus stop words, single characters and the given scope words. */
export function keyTerms(text: string, remove: readonly string[] = []): string[] {
  let cleaned = text.normalize('NFKC').toLowerCase().replace(/\[[^\]]*\]/gu, ' ');
  for (const word of [...remove].sort((a, b) => b.length - a.length)) if (word) cleaned = cleaned.split(word).join(' ');
  const terms = new Set<string>();
  for (const word of segmentWords(cleaned)) {
    const token = word.trim();
    if (token.length < 2 || stopWords.has(token) || !/[\p{L}\p{N}]/u.test(token)) continue;
    // Words built on a question word (哪建, 几处, 第几次) or a bare verb with 了 (发了) name no topic.
    if (/[哪几啥谁吗呢]|^.了$/u.test(token)) continue;
    if (/^\d+$/u.test(token)) continue;
    terms.add(token);
  }
  return [...terms];
}

/** Analyses a question; `remove` lists words (region names, years) that are scope, not topic. */
export function analyzeQuestion(question: string, remove: readonly string[] = []): QuestionAnalysis {
  const units = askedUnits(question);
  const wantsYear = yearPatterns.some((pattern) => pattern.test(question));
  const wantsOrdinal = ordinalPatterns.some((pattern) => pattern.test(question));
  const wantsName = namePatterns.some((pattern) => pattern.test(question));
  const isNumber = units.length > 0 || numberPatterns.some((pattern) => pattern.test(question));
  const isList =
    listPatterns.some((pattern) => pattern.test(question)) ||
    (!wantsName && weakListPatterns.some((pattern) => pattern.test(question)));
  let kind: QuestionKind = 'fact';
  if (wantsYear || wantsOrdinal) kind = 'fact';
  else if (isNumber) kind = 'number';
  else if (isList) kind = 'list';
  const wantsPerson = /谁/u.test(question);
  return { kind, units, wantsYear, wantsOrdinal, wantsName, wantsPerson, terms: keyTerms(question, remove) };
}
