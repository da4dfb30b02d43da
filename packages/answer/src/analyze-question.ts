// Reads what a question asks for: its kind (figure, list, named thing), the units it wants, and its key terms.
import { defaultThesaurus, type Concept } from '@report-qa/retrieval';
import { segmentWords, tagWords } from './segment-words.js';

export type QuestionKind = 'number' | 'list' | 'fact';

export interface QuestionAnalysis {
  kind: QuestionKind;
  /** Units a figure in the answer should carry (e.g. 件, 人次, %); empty when any figure will do. */
  units: string[];
  /** The question asks for a year (哪年). */
  wantsYear: boolean;
  /** The question asks for a day (哪天, 几月几号): a year alone does not answer it. */
  wantsDay: boolean;
  /** The question asks for an ordinal (第几次) or a version (第几版). */
  wantsOrdinal: boolean;
  /** The counter after 第几 (次, 版, 批, 届): the answer holds 第N次 or N.0版. */
  ordinalUnit: string | null;
  /** The question asks for a name (叫什么, 什么方案, 哪个). */
  wantsName: boolean;
  /** The question asks who (谁). */
  wantsPerson: boolean;
  /** Content words of the question (jieba words minus stop words and scope words). */
  terms: string[];
  /** Thesaurus concepts the question names (打官司 → 法律援助/诉讼…): a text covers a term through any alternative. */
  concepts: Concept[];
  /** Figures the question itself states (「选派的65名…里」): given, so they are never the answer. */
  givenFigures: string[];
  /** For each contrast set (收到/受理 vs 办结 vs 纠错…) the question asks a figure of: the asked member's words and the others'. */
  stages: { asked: string[]; others: string[]; first: boolean }[];
  /** The question asks about plans (下一步, 打算, 计划), so plan sections may answer it. */
  asksPlan: boolean;
  /** The question asks what was done or achieved (a figure, 建成了, 做了哪些): a plan does not answer it. */
  asksResult: boolean;
  /** What a number question counts (「多少件行政复议申请」, 「调解中心一共有多少个」), or null. */
  counted: string | null;
  /** Specific things the question names: nouns of three or more characters (机器人, 人大代表), for 'is it in the report'. */
  namedThings: string[];
}

/** Units a figure may carry in the reports, longest first so 件次 wins over 件. */
export const figureUnits = [
  '平方公里', '平方米', '公顷', '万元', '亿元', '件次', '人次', '场次', '课时', '余件', '余人', '%', '％', '元', '件', '人', '名', '个', '项', '次', '亩',
  '起', '辆', '处', '场', '家', '条', '户', '篇', '期', '份', '所', '支', '批', '部', '本', '册', '套', '台', '间', '位', '万', '亿',
];

// Synonyms: a question about people (多少人) is answered by 名 or 人次 too; money by 元/万元/亿元.
const unitFamilies: Record<string, string[]> = {
  人: ['人', '名', '人次', '余人'],
  // 名 counts persons; 人次 counts visits, so it does not answer 多少名.
  名: ['名', '人', '余人'],
  // 位 counts persons politely (多少位专家 → 专家12名).
  位: ['位', '名', '人', '余人'],
  人次: ['人次', '人'],
  件: ['件', '件次', '余件', '起'],
  // 个 is the all-purpose classifier: 几个吸毒的 is answered by 18人, 几个单位 by 14家.
  个: ['个', '项', '件', '人', '名', '家', '次', '所', '处', '条', '类', '支', '批', '部', '场', '余人', '余件', '余个', '余项', '余家'],
  项: ['项', '余项', '个', '件'],
  // Documents and items are counted in 份, 件, 个 and 项 alike (多少份合同 → 合同审查3件).
  份: ['份', '件', '个', '项'],
  条: ['条', '余条'],
  // Businesses and households are counted in 家 and 户 alike (多少家合作社 → 农民专业合作社34户).
  家: ['家', '余家', '个', '户', '余户'],
  户: ['户', '余户', '家', '个'],
  // Events are counted in 场, 次 and 场次 alike (多少场演习 → 应急演练40余次).
  场: ['场', '次', '场次'],
  次: ['次', '场', '场次', '人次'],
  场次: ['场次', '场', '次'],
  件次: ['件次', '件'],
  起: ['起', '件'],
  // Books and copies are counted in 本 and 册 alike (发了多少本书 → 配发…3200余册).
  本: ['本', '册'],
  册: ['册', '本'],
  面积: ['平方米', '亩', '公顷', '平方公里'],
  钱: ['元', '万元', '亿元'],
  元: ['元', '万元', '亿元'],
  万元: ['万元', '元', '亿元'],
  '%': ['%', '％'],
};

const numberPatterns = [/多少|什么数字|哪些数字|什么数据|哪些数据/u, /(?<![哪第])几(?!乎|年)[\u4e00-\u9fff]?/u, /比例|比率|占比|数量|规模|金额|百分之|压缩了|增长了|下降了/u, /率(?![先领])(?:是|为|有|达到|呢|[？?]|$)/u];
const listPatterns = [/做了什么|干了什么|做了哪些|采取了什么|开展了什么|有什么做法|哪些|哪几|哪[一二三四五六七八九十两]|措施|做法|举措|怎么|如何|怎样|什么活动|啥活动|干了些啥|干了啥|有啥|打算|不足|短板/u];
// Topic words that suggest a list only when the question does not ask for one named thing (什么方案, 叫什么).
const weakListPatterns = [/问题|经验|亮点|特色|成效|情况|安排/u];
const yearPatterns = [/哪一?年|哪几年|何年|什么时候|哪个年份/u];
const dayPatterns = [/哪一?天|哪一?日|几月几[日号]|哪月哪[日号]|具体日期|什么日子/u];
const ordinalPatterns = [/第几/u];
const namePatterns = [/叫什么|叫啥|名称|全称|什么名字|是什么|是哪个|哪个|什么方案|什么文件|什么系统|谁|哪里|在哪|什么地方|哪个部门/u];

// Question, filler and function words carry no topic; leaving them out keeps them out of the key terms.
const stopWords = new Set([
  '写稿', '领导', '等着', '请问', '问下', '想问', '在吗', '来着', '一下', '帮忙', '麻烦', '谢谢', '多少', '哪些', '哪几个', '哪几',
  '哪个', '哪一', '哪年', '哪里', '什么', '怎么', '怎么样', '如何', '怎样', '是否', '有没有', '能否', '一共', '总共', '分别', '各是',
  '各自', '具体', '那个', '这个', '那些', '这些', '我们', '你们', '他们', '自己', '一下', '是不是', '叫啥', '名字', '情况', '方面',
  '这块', '那阵子', '全州', '全市', '全区', '全县', '全省', '我区', '我市', '我州', '做法', '措施', '举措', '各有', '打算', '经验', '最高', '最低', '最多', '最少', '报告', '地方', '地区', '有个', '为了', '一起', '下面', '多大', '最后', '已经', '一年', '全称', '时候', '东西', '以后', '之后', '主要', '有关', '相关', '开展', '进行',
  // Everyday fillers for 「this business」 and 「done with it」.
  '这摊', '那摊', '这摊事', '那摊事', '干完', '弄完', '搞完', '这事', '那事', '这事儿',
  // A plan question's frame (下一步工作计划中说…): asksPlan keeps the intent, the words name no topic.
  '下一步', '一步', '工作计划', '计划', '工作', '中说', '说要', '提到', '提出',
  // Pointing and vague words (那种调解委员会, 某个行业, 那里登记) point at a topic the rest of the question names.
  '某个', '某类', '某些', '某种', '那种', '这种', '那样', '这样', '那里', '这里', '那边', '这边', '专门',
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
  // A money word asks for an amount unless the question asks how or what of it without any quantity word
  // (「对财政资金…打算怎么分权」).
  const asksHowNotHowMuch = /怎么|如何|怎样|什么|哪些|哪几|哪个/u.test(question) && !numberPatterns.some((pattern) => pattern.test(question));
  if (!asksHowNotHowMuch && /多少钱|金额|罚没款|罚款|经济损失|资金|经费|费用|少收|收费/u.test(question)) for (const unit of unitFamilies['钱'] ?? []) units.add(unit);
  if (/多大面积|面积(?:有|是)?多[大少]|多少(?:平方|亩|公顷)/u.test(question)) for (const unit of unitFamilies['面积'] ?? []) units.add(unit);
  return [...units];
}

/** Content words of a text (jieba), minus stop words, single characters and the given scope words. */
export function keyTerms(text: string, remove: readonly string[] = []): string[] {
  // A yes-no question's A-not-A (能不能, 可不可以, 是不是) and its fillers (直接, 真的) ask, they name no topic.
  let cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\[[^\]]*\]/gu, ' ')
    .replace(/能不能|会不会|是不是|有没有|要不要|可不可以|能不可以|行不行|算不算|直接|真的|到底|究竟/gu, ' ');
  for (const word of [...remove].sort((a, b) => b.length - a.length)) if (word) cleaned = cleaned.split(word).join(' ');
  const terms = new Set<string>();
  for (const word of segmentWords(cleaned)) {
    const token = word.trim();
    if (token.length < 2 || stopWords.has(token) || !/[\p{L}\p{N}]/u.test(token)) continue;
    // Words built on a question word (哪建, 几处, 第几次) or a bare verb with 了 (发了) name no topic.
    if (/[哪几啥谁吗呢]|^.了$/u.test(token)) continue;
    // A number of three digits or more that is not a year names a thing (the 12345 and 12348 hotlines, 110): the
    // answer must be about that one. Shorter numbers and years are figures and scope.
    if (/^\d+$/u.test(token) && (token.length < 3 || /^(?:19|20)\d{2}$/u.test(token))) continue;
    terms.add(token);
  }
  return [...terms];
}

// A figure with its unit (65名, 3.5%, 2.264万元); years and ordinals are not figures of a question.
const givenFigurePattern = /(?<![第\d.])(\d+(?:\.\d+)?)\s*(?:%|％|[万亿]?元|万|亿|[件人名个项家次条类批场所户起])/gu;
const resultWords = /了|已经|已|建成|完成|取得|成效|成果|成绩|实现|做到/u;
const conditionalWords = /要是|如果|假如|假设|万一|一旦|倘若/u;
const planWords = /下一步|打算|计划|规划|将要|准备|思路|展望|明年|今后|以后|往后|将来|未来/u;
// 「已做的工作，不是下一步计划」 rules plans out: a plan word after a negation does not ask for a plan.
const negatedPlan = /(?:不是|并非|而非|不要|不含|不包括|除了)[^，,。；;？?]{0,4}?(?:下一步|打算|计划|规划)[^，,。；;？?]{0,4}/gu;

/** Whether the question asks about plans (下一步, 打算, 计划), leaving out plans it rules out. */
function asksForPlan(question: string): boolean {
  return planWords.test(question.replace(negatedPlan, ' '));
}

/**
 * For each contrast set (收到/受理 vs 办结 vs 纠错…), the member the question asks a figure for: the one named
 * closest before its question word (「申请复议的案子，最后办结了多少件」 asks for 办结, not 申请).
 */
function stagesOf(question: string): QuestionAnalysis['stages'] {
  const asked = question.search(/多少|几|比例|比率|[^效]率/u);
  if (asked < 0) return [];
  const stages: QuestionAnalysis['stages'] = [];
  for (const sets of defaultThesaurus().contrasts) {
    let best: { set: readonly string[]; at: number } | null = null;
    for (const set of sets) {
      for (const word of set) {
        const at = question.lastIndexOf(word, asked);
        if (at >= 0 && at + word.length <= asked + 1 && asked - at <= 12 && (!best || at > best.at)) best = { set, at };
      }
    }
    if (best) stages.push({ asked: [...best.set], others: sets.filter((set) => set !== best.set).flat(), first: best.set === sets[0] });
  }
  return stages;
}

const questionWord = /多少|(?<![哪第])几(?!乎)/u;
const countUnitPattern = new RegExp(`^(?:${[...figureUnits, '钱'].sort((a, b) => b.length - a.length).join('|').replace('%|', '')})`, 'u');
// Words that link the counted thing to the question word (「调解中心一共有多少个」, 「案件多了多少」) or end the phrase.
const linkWords = new Set([
  '一共', '总共', '共计', '共', '分别', '各自', '各', '又', '还', '都', '大概', '大约', '到底', '究竟', '累计', '有', '是', '为', '达到', '达',
  '增加', '减少', '多', '少', '上升', '下降', '提高', '降低', '值', '占', '给', '了', '的', '呢', '吗', '啊', '到', '在', '去', '要', '能', '会',
  '被', '把', '对', '将', '那', '这', '那些', '这些', '个', '做', '搞', '办', '发', '开', '建', '查', '抓', '审', '收', '涉及', '形成', '进行',
]);
// Measures and fillers that name no thing: the unit and the kind of question already ask for them.
const genericNouns = new Set([
  '比例', '比率', '数量', '数字', '人数', '件数', '规模', '情况', '总数', '总额', '一年', '全年', '后来', '现在', '目前', '最后', '东西', '事情',
  '时候', '地方', '方面', '这块', '那块', '事儿', '那个', '这个', '一下', '同比', '当时', '那回', '那次', '这次', '多少钱',
  // The public a count is of or for names no thing counted (群众来信来访 counts 来信来访).
  '群众', '老百姓', '市民', '居民', '百姓',
]);

/** A phrase that names a thing: at least two characters, no filler, ending in a noun (调解中心, not 处理). */
function phraseOf(words: readonly { word: string; tag: string }[]): string | null {
  const phrase = words.map((entry) => entry.word).join('');
  const last = words[words.length - 1];
  // jieba's tags are rough (it tags 合同 an adjective): anything but a verb, adverb, pronoun, numeral or particle.
  const nounLike = last !== undefined && (!/^(?:v(?!n)|d|ad|r|m|q|p|c|u|t|f|y|e|o)/u.test(last.tag) || last.word.length >= 3);
  return phrase.length >= 2 && nounLike && !genericNouns.has(phrase) ? phrase : null;
}

/** What a number question counts: the words after 多少/几 and its unit, else the words before them (at most two). */
function countedPhrase(topic: string): string | null {
  const at = topic.search(questionWord);
  if (at < 0) return null;
  const isContent = (word: string) => /^[\p{Script=Han}]+$/u.test(word) && !linkWords.has(word);
  const rest = topic.slice(at + (topic.startsWith('多少', at) ? 2 : 1));
  // 「几天内办完」 asks how long, not how many of a thing.
  if (/^(?:个)?(?:工作日|天|日|年|月|小时|分钟|周|星期)/u.test(rest)) return null;
  const after = rest.replace(countUnitPattern, '').replace(/^的/u, '');
  let following: { word: string; tag: string }[] = [];
  for (const entry of tagWords(after)) {
    // 「多少个专门的预案」: the thing is the head after 的.
    if (entry.word === '的' && following.length > 0) {
      following = [];
      continue;
    }
    if (!isContent(entry.word) || following.length === 3) break;
    following.push(entry);
  }
  const thing = phraseOf(following);
  if (thing) return thing;
  const clause = topic.slice(0, at).split(/[，,。？?！!；;：:、\s]/u).pop() ?? '';
  const before = tagWords(clause);
  // 「行政复议收到多少件」: the thing is the noun before the verb.
  while (before.length > 0 && (!isContent(before[before.length - 1]!.word) || (/^v/u.test(before[before.length - 1]!.tag) && before.length > 1))) before.pop();
  const last: { word: string; tag: string }[] = [];
  for (let index = before.length - 1; index >= 0 && last.length < 2 && isContent(before[index]!.word) && !genericNouns.has(before[index]!.word); index -= 1) {
    last.unshift(before[index]!);
  }
  return phraseOf(last);
}

/** Analyses a question; `remove` lists words (region names, years) that are scope, not topic. */
export function analyzeQuestion(question: string, remove: readonly string[] = []): QuestionAnalysis {
  const units = askedUnits(question);
  const wantsYear = yearPatterns.some((pattern) => pattern.test(question));
  const wantsDay = dayPatterns.some((pattern) => pattern.test(question));
  const wantsOrdinal = ordinalPatterns.some((pattern) => pattern.test(question));
  const wantsName = namePatterns.some((pattern) => pattern.test(question));
  const isNumber = units.length > 0 || numberPatterns.some((pattern) => pattern.test(question));
  const isList =
    listPatterns.some((pattern) => pattern.test(question)) ||
    (!wantsName && weakListPatterns.some((pattern) => pattern.test(question)));
  let kind: QuestionKind = 'fact';
  if (wantsYear || wantsDay || wantsOrdinal) kind = 'fact';
  else if (isNumber) kind = 'number';
  else if (isList) kind = 'list';
  const wantsPerson = /谁/u.test(question);
  const givenFigures = [...question.normalize('NFKC').matchAll(givenFigurePattern)].map((match) => match[0].replace(/\s+/gu, ''));
  let topic = question;
  for (const word of remove) if (word) topic = topic.split(word).join(' ');
  const asksPlan = asksForPlan(question);
  return {
    kind,
    units,
    wantsYear,
    wantsDay,
    wantsOrdinal,
    ordinalUnit: /第几([\p{Script=Han}])/u.exec(question)?.[1] ?? null,
    wantsName,
    wantsPerson,
    terms: keyTerms(question, remove),
    concepts: defaultThesaurus().conceptsIn(topic),
    givenFigures,
    stages: stagesOf(question),
    asksPlan,
    // 「要是拍板拍错了，会被追责吗」 asks what a rule says would happen, not what was done.
    asksResult: !asksPlan && !conditionalWords.test(question) && (kind === 'number' || resultWords.test(question)),
    counted: kind === 'number' ? countedPhrase(topic) : null,
    namedThings: [
      ...tagWords(topic)
        .filter((entry) => /^(?:n|vn)/u.test(entry.tag) && entry.word.length >= 3 && !stopWords.has(entry.word))
        .map((entry) => entry.word.toLowerCase()),
      // The genre's shorthand (三项制度, 放管服) names a specific thing however jieba tags it.
      ...defaultThesaurus().shorthandIn(topic),
    ],
  };
}
