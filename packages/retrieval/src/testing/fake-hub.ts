// A fake Hugging Face hub on loopback: serves model folders under the hub's `/{repo}/resolve/{revision}/{path}` layout.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface FakeHubOptions {
  /** Repository id (e.g. Xenova/bge-small-zh-v1.5) → the local folder whose files it serves. */
  repositories: Record<string, string>;
  /** Files (repository-relative) whose body is cut off half way while Content-Length promises all of it. */
  truncate?: string[];
}

export interface FakeHub {
  /** Like https://huggingface.co: what HF_ENDPOINT is set to. */
  endpoint: string;
  /** Every request path received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const requests: string[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://hub').pathname);
    requests.push(path);
    const match = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const folder = match ? options.repositories[match[1]!] : undefined;
    const file = match?.[3] ? normalize(match[3]) : '';
    if (!match || !folder || file.startsWith('..') || request.method !== 'GET') {
      response.writeHead(404).end('Entry not found');
      return;
    }
    const full = join(folder, file);
    const size = (() => {
      try {
        return statSync(full).isFile() ? statSync(full).size : null;
      } catch {
        return null;
      }
    })();
    if (size === null) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
    if (options.truncate?.includes(file)) {
      createReadStream(full, { start: 0, end: Math.floor(size / 2) }).on('end', () => response.destroy()).pipe(response, { end: false });
      return;
    }
    createReadStream(full).pipe(response);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
