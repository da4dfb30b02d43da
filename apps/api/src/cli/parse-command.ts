// `report-qa parse <file>`: the parser's view of one report — metadata, sections and passages.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseReport } from '@report-qa/parser';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('解析一份报告：元数据、章节与段落')
    .argument('<file>', '报告文件（txt/md，UTF-8 或 GBK）')
    .option('--json', '输出 JSON')
    .option('--target-size <n>', '段落目标长度（字符）', (value) => Number.parseInt(value, 10))
    .action(async (file: string, options: { json?: boolean; targetSize?: number }) => {
      const parsed = parseReport(new Uint8Array(await readFile(file)), {
        source: basename(file),
        ...(options.targetSize ? { targetSize: options.targetSize } : {}),
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ metadata: parsed.metadata, sections: parsed.sections, chunks: parsed.chunks }, null, 2)}\n`);
        return;
      }
      const { metadata } = parsed;
      const lines = [
        `标题：${metadata.title ?? '（无）'}`,
        `地区：${metadata.region ?? '（未识别）'}（${metadata.level ?? '级别未识别'}）`,
        `年度：${metadata.year ?? '（未识别）'}  文号：${metadata.docNumber ?? '（无）'}  发布：${metadata.publishedAt ?? '（无）'}`,
        `发文机关：${metadata.issuer ?? '（无）'}  签发人：${metadata.signer ?? '（无）'}`,
        `章节 ${parsed.sections.length} 个，段落 ${parsed.chunks.length} 个`,
        ...parsed.chunks.map((chunk) => `\n[${chunk.id}] ${chunk.sectionPath || '（无章节）'} @${chunk.start}-${chunk.end}\n${chunk.text}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
