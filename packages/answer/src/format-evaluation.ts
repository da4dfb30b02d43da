// Plain-text report of an evaluation: accuracy by type, refusals, citation violations, and the questions missed.
import type { Evaluation } from './evaluate-answers.js';

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

export function formatEvaluation(evaluation: Evaluation, options: { details?: boolean } = {}): string {
  const rows = [...Object.entries(evaluation.byType), ['overall', evaluation.overall] as const];
  const lines = ['type          correct  total  accuracy'];
  for (const [type, score] of rows) {
    lines.push(`${pad(type, 14)}${pad(String(score.correct), 9)}${pad(String(score.total), 7)}${percent(score.accuracy)}`);
  }
  const { falseRefusals, correctRefusals, missedRefusals } = evaluation.refusals;
  lines.push('', `refusals: ${correctRefusals} correct, ${missedRefusals} unanswerable answered anyway, ${falseRefusals} answerable refused`);
  lines.push(`citation violations: ${evaluation.violations.length}`);
  for (const violation of evaluation.violations) lines.push(`  ${violation.id} ${violation.kind}: ${violation.detail}`);
  if (options.details) {
    const wrong = evaluation.outcomes.filter((outcome) => !outcome.correct);
    if (wrong.length > 0) lines.push('', 'incorrect:');
    for (const outcome of wrong) {
      const why = outcome.type === 'unanswerable' ? 'answered' : outcome.refused ? 'refused' : `missing ${outcome.missing.join(' / ')}`;
      lines.push(`  ${outcome.id} [${outcome.type}] ${outcome.question} — ${why}`);
      lines.push(`    ${outcome.answer.replace(/\n/gu, ' ⏎ ').slice(0, 300)}`);
    }
  }
  return lines.join('\n');
}
