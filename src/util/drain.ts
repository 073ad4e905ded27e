// An answer given before the request's body was read (401, 403, 429...) must still take the body off
// the connection: a client's next request on a kept-alive connection would otherwise wait behind it.
const DRAIN_LIMIT = 4 * 1024 * 1024;

export async function drainBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  const reader = request.body.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      // a body this large was refused anyway (413); stop reading it
      if (read > DRAIN_LIMIT) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // the client went away: nothing left to drain
  }
}
