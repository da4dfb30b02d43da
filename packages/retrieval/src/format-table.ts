// Plain-text tables for the CLI: evaluation rows and benchmark figures, aligned for a terminal.

/** Pads columns to their widest cell; CJK characters count as two columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column] ?? ''))));
  const line = (row: string[]) => row.map((cell, column) => cell + ' '.repeat(widths[column]! - displayWidth(cell))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

/** The evaluation report as a table: one line per searcher and question type. */
export function formatEvaluation(rows: { searcher: string; type: string; questions: number; recallAt1: number; recallAt5: number; mrr: number }[]): string {
  return formatTable(
    ['searcher', 'type', 'n', 'recall@1', 'recall@5', 'MRR'],
    rows.map((row) => [row.searcher, row.type, row.questions, row.recallAt1.toFixed(3), row.recallAt5.toFixed(3), row.mrr.toFixed(3)]),
  );
}

/** Benchmark figures as a table, with what the synthetic corpus is made of underneath. */
export function formatBenchmark(report: { figures: { corpus: string; name: string; value: number; unit: string; note?: string }[]; syntheticNote: string }): string {
  const table = formatTable(
    ['corpus', 'measure', 'value', 'unit', 'note'],
    report.figures.map((figure) => [figure.corpus, figure.name, figure.value >= 100 ? figure.value.toFixed(0) : figure.value.toFixed(1), figure.unit, figure.note ?? '']),
  );
  return `${table}\n\n${report.syntheticNote}`;
}
