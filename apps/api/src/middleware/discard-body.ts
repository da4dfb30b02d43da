// Reads and throws away the rest of a refused request body, so the client can read the error instead of a reset connection.
const DISCARD_TIMEOUT_MS = 15_000;

/**
 * Reads `request`'s body to its end without keeping it, up to `maxBytes` and 15 seconds. A client still sending
 * an oversize upload when the server answers 413 and closes the connection sees EPIPE/ECONNRESET, not the answer
 * (undici's fetch and browsers alike); reading on, as nginx's lingering close does, lets the 413 through.
 * Returns false when the body could not be read to its end (locked, too long, too slow).
 */
export async function discardBody(request: Request, maxBytes: number): Promise<boolean> {
  const body = request.body;
  if (!body || body.locked) return false;
  const reader = body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => undefined), DISCARD_TIMEOUT_MS);
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      read += value.length;
      if (read > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return false;
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
