// Rendered public pages kept in memory, pre-compressed, and dropped by tag when the content
// they show changes. Least recently used pages go first when the byte budget is reached.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

export interface CachedPage {
  status: number;
  contentType: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  tags: readonly string[];
  bytes: number;
  /** Date.now() when rendered. */
  renderedAt: number;
}

/**
 * Even a page nothing has changed is rendered again after this long: its comment form
 * carries a signed token (valid 48 hours) and the time the form was issued.
 */
export const defaultMaxAgeMs = 6 * 60 * 60 * 1000;

export class PageCache {
  readonly #pages = new Map<string, CachedPage>();
  #bytes = 0;

  constructor(
    private readonly maxBytes = 256 * 1024 * 1024,
    private readonly maxAgeMs = defaultMaxAgeMs,
  ) {}

  get(key: string): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (page && Date.now() - page.renderedAt > this.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    if (page) {
      // Re-insert to mark it most recently used.
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    this.#pages.set(key, page);
    this.#bytes += page.bytes;
    for (const [oldest] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.#pages.get(key);
    if (!page) return;
    this.#pages.delete(key);
    this.#bytes -= page.bytes;
  }

  /** Drops every page carrying any of these tags; "site" drops everything. */
  invalidate(tags: readonly string[]): void {
    if (tags.includes("site")) return this.clear();
    const wanted = new Set(tags);
    for (const [key, page] of this.#pages) {
      if (page.tags.some((t) => wanted.has(t))) this.delete(key);
    }
  }

  clear(): void {
    this.#pages.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#pages.size;
  }
}

export function buildCachedPage(
  body: Buffer,
  status: number,
  contentType: string,
  tags: readonly string[],
): CachedPage {
  const gzip = gzipSync(body, { level: 9 });
  const brotli = brotliCompressSync(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 10,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    },
  });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  return {
    status,
    contentType,
    etag,
    identity: body,
    gzip,
    brotli,
    tags,
    bytes: body.length + gzip.length + brotli.length + 256,
    renderedAt: Date.now(),
  };
}
