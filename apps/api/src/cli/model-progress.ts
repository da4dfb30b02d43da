// A terminal progress bar for the model download: one bar per file on a terminal, one line per file otherwise.
import { Presets, SingleBar } from 'cli-progress';
import type { ModelDownloadProgress } from '@report-qa/retrieval';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function modelProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: ModelDownloadProgress) => void {
  let bar: SingleBar | null = null;
  return (progress) => {
    const position = `[${progress.fileIndex + 1}/${progress.files}]`;
    if (!stream.isTTY) {
      if (progress.done) stream.write(`已下载 ${progress.file}（${megabytes(progress.receivedBytes)}）${position}\n`);
      return;
    }
    if (!bar) {
      bar = new SingleBar(
        { format: `下载 {file} ${position} [{bar}] {percentage}% | {received}/{size}`, stream, hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(progress.totalBytes ?? 0, 0, { file: progress.file, received: megabytes(0), size: progress.totalBytes ? megabytes(progress.totalBytes) : '?' });
    }
    bar.update(progress.receivedBytes, { received: megabytes(progress.receivedBytes) });
    if (progress.done) {
      bar.stop();
      bar = null;
    }
  };
}
