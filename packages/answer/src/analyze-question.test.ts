// What a question asks for: its units and its key terms.
import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from './analyze-question.js';

describe('analyzeQuestion', () => {
  it('asks an area in 平方米, 亩, 公顷 or 平方公里, and books in 本 or 册', () => {
    expect(analyzeQuestion('一共拆了多大面积的违章房子？').units).toEqual(expect.arrayContaining(['平方米', '亩', '公顷']));
    expect(analyzeQuestion('违法用地面积有多少？').units).toContain('平方米');
    expect(analyzeQuestion('给领导发了多少本学法的书？').units).toEqual(['本', '册']);
  });

  it('keeps a hotline number as a key term, but not a year or a short figure', () => {
    const terms = analyzeQuestion('2020年打12345热线的有多少个？65名律师呢？').terms;
    expect(terms).toContain('12345');
    expect(terms).not.toContain('2020');
    expect(terms).not.toContain('65');
  });

  it('leaves a yes-no question’s A-not-A and fillers out of the key terms', () => {
    const terms = analyzeQuestion('调解纠纷能不能直接在手机上办？').terms;
    expect(terms).toContain('手机');
    expect(terms).not.toContain('不能');
    expect(terms).not.toContain('直接');
    // 合不合法 is the topic (合法性审查), not a yes-no question.
    expect(analyzeQuestion('文件出台前要先审合不合法吗').concepts.length).toBeGreaterThan(0);
  });

  it('leaves a plan question’s frame out of the key terms, keeping its intent', () => {
    const analysis = analyzeQuestion('下一步工作计划中说要自觉接受哪些监督？');
    expect(analysis.asksPlan).toBe(true);
    expect(analysis.terms).toEqual(expect.arrayContaining(['监督']));
    expect(analysis.terms).not.toContain('一步');
    expect(analysis.terms).not.toContain('中说');
  });

  it('leaves pointing and vague words out of the key terms', () => {
    const terms = analyzeQuestion('专门管某个行业、某类纠纷的那种委员会在那里登记了吗？').terms;
    expect(terms).toEqual(expect.arrayContaining(['行业', '纠纷', '委员会', '登记']));
    for (const filler of ['专门', '某个', '某类', '那种', '那里']) expect(terms).not.toContain(filler);
  });

  it('asks an amount of money only when it asks a quantity, not how money is handled', () => {
    expect(analyzeQuestion('对财政资金、政府采购这些部门打算怎么分权？').kind).toBe('list');
    expect(analyzeQuestion('对财政资金、政府采购这些部门打算怎么分权？').units).toEqual([]);
    expect(analyzeQuestion('专项资金投入了多少？').units).toEqual(expect.arrayContaining(['万元']));
    expect(analyzeQuestion('收缴罚没款多少？').kind).toBe('number');
  });

  it('reads 以后 and 往后 as asking a plan, and a conditional (要是…了) as asking a rule, not a result', () => {
    expect(analyzeQuestion('以后每年给干部开几回法律讲座？').asksPlan).toBe(true);
    expect(analyzeQuestion('要是决策出了大错，会被终身追责吗？').asksResult).toBe(false);
    expect(analyzeQuestion('决策出了大错的被追责了吗？').asksResult).toBe(true);
  });

  it('asks persons counted with 位 in 名 and 人 too, and a day with 哪天', () => {
    expect(analyzeQuestion('专家库里有多少位专家？').units).toEqual(expect.arrayContaining(['位', '名', '人']));
    expect(analyzeQuestion('这个条例从哪天起施行？').wantsDay).toBe(true);
    expect(analyzeQuestion('这个条例哪年施行？').wantsDay).toBe(false);
  });

  it('does not ask for a plan when it rules plans out', () => {
    expect(analyzeQuestion('（已经做的，不是下一步计划）接受了哪几种监督？').asksPlan).toBe(false);
    expect(analyzeQuestion('不包括下一步打算，去年接受了哪几种监督？').asksPlan).toBe(false);
    expect(analyzeQuestion('下一步计划接受哪几种监督？').asksPlan).toBe(true);
  });
});
