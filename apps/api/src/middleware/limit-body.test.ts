import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './limit-body.js';

function app(maxSize: number) {
  const hono = new Hono();
  hono.use(limitBody({ maxSize, onError: (c) => c.text('too large', 413) }));
  hono.all('/', async (c) => c.text(c.req.method === 'GET' ? 'read' : `got ${(await c.req.text()).length}`));
  return hono;
}

/** A chunked body: no Content-Length, so its size is known only as it arrives. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 4) controller.enqueue(bytes.slice(offset, offset + 4));
      controller.close();
    },
  });
}

describe('limitBody', () => {
  it('judges a body that states its length by the header, before reading it', async () => {
    const small = await app(10).request('/', { method: 'POST', body: '{"a":1}', headers: { 'content-length': '7' } });
    expect([small.status, await small.text()]).toEqual([200, 'got 7']);
    const large = await app(10).request('/', { method: 'POST', body: '{"a":"0123456789"}', headers: { 'content-length': '18' } });
    expect([large.status, await large.text()]).toEqual([413, 'too large']);
  });

  it('counts a chunked body as it arrives and refuses it past the limit', async () => {
    const small = await app(10).request('/', { method: 'POST', body: chunked('{"a":1}'), duplex: 'half' } as RequestInit);
    expect([small.status, await small.text()]).toEqual([200, 'got 7']);
    const large = await app(10).request('/', { method: 'POST', body: chunked('{"a":"0123456789"}'), duplex: 'half' } as RequestInit);
    expect(large.status).toBe(413);
  });

  it('lets reads through untouched', async () => {
    const read = await app(10).request('/');
    expect([read.status, await read.text()]).toEqual([200, 'read']);
  });
});
