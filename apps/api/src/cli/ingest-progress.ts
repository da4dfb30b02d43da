// A terminal progress bar for ingestion: passages per second and time left.
import { SingleBar, Presets } from 'cli-progress';
import type { IngestProgress } from '@report-qa/retrieval';

export function ingestProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: IngestProgress) => void {
  let bar: SingleBar | null = null;
  let started = 0;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return (progress) => {
    if (progress.phase === 'skip') {
      stream.write(`未变化，跳过：${progress.file}\n`);
      return;
    }
    if (progress.phase === 'remove') {
      stream.write(`已移除：${progress.source}\n`);
      return;
    }
    if (progress.phase === 'parse') {
      if (progress.done === 0) stream.write(`解析 ${progress.total} 份报告…\n`);
      return;
    }
    if (!stream.isTTY) {
      if (progress.done === progress.total) stream.write(progress.phase === 'embed' ? `向量化完成：${progress.total} 个段落\n` : `写入索引：${progress.total} 份报告\n`);
      return;
    }
    if (!bar) {
      started = performance.now();
      bar = new SingleBar(
        {
          format:
            progress.phase === 'embed'
              ? '向量化 [{bar}] {value}/{total} 段落 | {rate} 段/秒 | 剩余 {eta_formatted}'
              : '写入索引 [{bar}] {value}/{total} 份报告',
          stream,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(progress.total, 0, { rate: '0' });
    }
    const seconds = (performance.now() - started) / 1000;
    bar.update(progress.done, { rate: seconds > 0 ? (progress.done / seconds).toFixed(1) : '0' });
    if (progress.done >= progress.total) stop();
  };
}
