// Which listed indicator a question asks about (「各地的负责人出庭应诉率分别是多少？」 → head_appearance_rate), for the chat.
import type { IndicatorDefinition } from './indicator-definitions.js';
import { normalizeContext } from './read-context.js';

/**
 * The definition whose name or synonym the question uses, the longest match winning and an action word the question
 * also uses (办结 vs 收到) breaking ties; null when the question names no indicator.
 */
export function matchIndicator(question: string, definitions: readonly IndicatorDefinition[]): IndicatorDefinition | null {
  const text = normalizeContext(question);
  let best: { definition: IndicatorDefinition; score: number } | null = null;
  for (const definition of definitions) {
    const terms = [definition.name, ...definition.synonyms].filter((term) => !term.includes('…')).map(normalizeContext);
    const longest = Math.max(0, ...terms.filter((term) => text.includes(term)).map((term) => term.length));
    if (longest === 0) continue;
    const action = definition.actions.some((word) => text.includes(normalizeContext(word))) ? 0.5 : 0;
    const score = longest + action;
    if (!best || score > best.score) best = { definition, score };
  }
  return best?.definition ?? null;
}
