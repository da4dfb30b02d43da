import { describe, expect, it } from 'vitest';
import { createIndicatorTable, indicatorSources } from './create-indicator-table.js';
import { defaultIndicatorDefinitions } from './indicator-definitions.js';
import { matchIndicator } from './match-indicator.js';

const text = '某县人民政府关于2020年法治政府建设情况的报告\n\n一、主要工作成效\n\n全年共收到行政复议申请93件，办结90件。';

describe('createIndicatorTable', () => {
  it('reads each content once and again when the content changes', () => {
    const table = createIndicatorTable();
    let reads = 0;
    const source = (contentHash: string, original: string) => ({
      id: 'doc-1',
      source: 'a.txt',
      contentHash,
      region: '某县',
      year: 2020,
      original: () => {
        reads += 1;
        return original;
      },
    });
    const [row] = table.rows([source('h1', text)]);
    expect(row).toMatchObject({ documentId: 'doc-1', source: 'a.txt', region: '某县', year: 2020 });
    expect(row?.values.reconsideration_received?.value).toBe(93);
    table.rows([source('h1', text)]);
    expect(reads).toBe(1);
    const [edited] = table.rows([source('h2', text.replace('93件', '95件'))]);
    expect(edited?.values.reconsideration_received?.value).toBe(95);
    expect(reads).toBe(2);
  });
});

describe('indicatorSources', () => {
  it('reads a library\'s documents, and an original only when asked', () => {
    const opened: string[] = [];
    const library = {
      documents: () => [{ id: 'd1', source: 'a.txt', contentHash: 'h', metadata: { region: '某县', year: 2020 } }],
      getDocument: (id: string) => (opened.push(id), { original: text }),
    };
    const [source] = indicatorSources(library);
    expect(source).toMatchObject({ id: 'd1', source: 'a.txt', contentHash: 'h', region: '某县', year: 2020 });
    expect(opened).toEqual([]);
    expect(createIndicatorTable().rows(indicatorSources(library))[0]?.values.reconsideration_concluded?.value).toBe(90);
    expect(opened).toEqual(['d1']);
  });
});

describe('matchIndicator', () => {
  const definitions = defaultIndicatorDefinitions();
  it.each([
    ['各地的负责人出庭应诉率分别是多少？', 'head_appearance_rate'],
    ['海东市2020年收到多少件行政复议申请？', 'reconsideration_received'],
    ['各地办结了多少件行政复议案件？', 'reconsideration_concluded'],
    ['各地的行政诉讼胜诉率是多少？', 'litigation_win_rate'],
    ['聘请了多少名政府法律顾问？', 'legal_advisers'],
  ])('%s → %s', (question, key) => {
    expect(matchIndicator(question, definitions)?.key).toBe(key);
  });

  it('is null for a question about no listed indicator', () => {
    expect(matchIndicator('西宁和海西在行政执法三项制度上各有什么做法？', definitions)).toBeNull();
  });
});
