// `report-qa ask "<question>"`: a cited answer from the command line (same JSON as /api/ask).
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { withEngine } from './with-engine.js';

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('提问，得到带引文的答案')
    .argument('<question>', '问题')
    .option('--mode <mode>', 'auto | extractive | llm', 'auto')
    .option('--json', '输出 JSON（与 /api/ask 相同）')
    .action(async (question: string, options: { mode: 'auto' | 'extractive' | 'llm'; json?: boolean }) => {
      await withEngine({ ensureIndex: true }, async (engine) => {
        const result = await engine.answerer.ask({ question, mode: options.mode });
        if (options.json) {
          // The same shape as /api/ask; a command-line answer is not logged, so its id only names it.
          process.stdout.write(`${JSON.stringify({ id: randomUUID(), ...result }, null, 2)}\n`);
          return;
        }
        const lines = [result.answer, ''];
        if (result.fallback) lines.push(`（未使用大模型：${result.fallback.reason}）`);
        for (const citation of result.citations) {
          lines.push(`[${citation.n}] ${citation.region ?? ''}${citation.year ? ` ${citation.year}年` : ''} · ${citation.sectionPath || citation.source}`);
          lines.push(`    「${citation.quote.replace(/\s+/g, ' ').trim()}」 (${citation.source} @${citation.start}-${citation.end})`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
