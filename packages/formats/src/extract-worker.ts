// Worker-thread entry: runs extractReport on the bytes it is sent and posts back the text or the error.
import { parentPort } from 'node:worker_threads';
import { extractReport } from './extract-report.js';
import { FormatError } from './format-error.js';
import type { ExtractOptions } from './report-format.js';
import type { WorkerReply } from './worker-reply.js';

parentPort?.once('message', async ({ bytes, options }: { bytes: Uint8Array; options: ExtractOptions }) => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, report: await extractReport(bytes, options) };
  } catch (error) {
    reply =
      error instanceof FormatError
        ? { ok: false, formatError: true, name: error.name, code: error.code, message: error.message, userMessage: error.userMessage }
        : { ok: false, formatError: false, name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
