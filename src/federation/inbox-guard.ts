// What an inbox POST must get past before Fedify reads it: a size limit on the body (read as it
// arrives, whatever Content-Length claims) and a rate limit per remote server (the host of the
// signature's key, else the client address). Fedify then verifies the signature.
const maxInboxBytes = 256 * 1024;

/** Requests a server may send in a window; a busy Mastodon sends a few a second at most. */
const inboxRateLimit = { requests: 300, windowMs: 60_000 };

export class InboxGuardError extends Error {
  constructor(
    message: string,
    readonly status: 413 | 429 | 400,
  ) {
    super(message);
  }
}

/** The host named by the request's signature key (draft-cavage or RFC 9421), if any. */
export function signingHost(headers: Headers): string | null {
  const text = `${headers.get("signature") ?? ""} ${headers.get("signature-input") ?? ""}`;
  const match = /keyid="([^"]+)"/i.exec(text);
  if (!match) return null;
  try {
    return new URL(match[1]!).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** A fixed-window counter per server, in this process. */
export class ServerRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit = inboxRateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a request; false once the server is over its limit for this window. */
  allow(server: string): boolean {
    const now = this.clock();
    const window = this.windows.get(server);
    if (!window || now - window.start >= this.limit.windowMs) {
      if (this.windows.size > 10_000) this.forgetOld(now);
      this.windows.set(server, { start: now, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= this.limit.requests;
  }

  private forgetOld(now: number): void {
    for (const [server, window] of this.windows) {
      if (now - window.start >= this.limit.windowMs) this.windows.delete(server);
    }
  }
}

/** The request with its body read whole, refused past `maxInboxBytes`. */
export async function boundedRequest(request: Request): Promise<Request> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxInboxBytes) {
    throw new InboxGuardError("The activity is too large.", 413);
  }
  if (!request.body) return request;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || !value) break;
      size += value.length;
      if (size > maxInboxBytes) throw new InboxGuardError("The activity is too large.", 413);
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof InboxGuardError) throw error;
    throw new InboxGuardError("The activity did not arrive whole.", 400);
  } finally {
    reader.releaseLock();
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
  });
}
