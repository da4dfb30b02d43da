// Figures counted together with other things, and question words read through the thesaurus.
import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from './analyze-question.js';
import { countedTogether } from './judge-evidence.js';
import { normalizeText } from './normalize-text.js';
import { scoreText } from './score-text.js';
import { createTermWeights } from './term-weights.js';

describe('countedTogether', () => {
  const analysis = analyzeQuestion('行业性的调解委员会有多少个？');

  it('reads attributes before the thing counted (专业性、行业性…) as its modifiers, not other things counted with it', () => {
    expect(countedTogether(normalizeText('全市共建立专业性、行业性调委会84个'), analysis, '调解委员会')).toBeNull();
  });

  it('still sees other things listed before a figure', () => {
    const letters = analyzeQuestion('网络留言有多少件？');
    expect(countedTogether(normalizeText('全年承办领导交办事项、网络留言、群众来信来访437件'), letters, '网络留言')).toBe('网络留言');
  });
});

describe('a concept the question names twice', () => {
  it('covers each of its words with the report’s word (欠钱不还的老赖 → 失信被执行人)', () => {
    const analysis = analyzeQuestion('帮法院拦住了几个欠钱不还的老赖？');
    const weight = createTermWeights([]);
    const scored = scoreText('协助司法机关冻结股权189件,拦截失信被执行人2人。', analysis, weight);
    expect(analysis.terms).toContain('老赖');
    expect(scored.covered.has('老赖')).toBe(true);
  });
});
