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
  /** The page's Link header (a review's Webmention endpoint), kept for every hit. */
  link?: string | undefined;
}

/**
 * Even a page nothing has changed is rendered again after this long: its comment form
 * carries a signed token (valid 48 hours) and the time the form was issued.
 */
const defaultMaxAgeMs = 6 * 60 * 60 * 1000;

/** What a cache holds and how it has done since it started (exported as metrics). */
export interface PageCacheStats {
  /** Pages answered from memory. */
  hits: number;
  /** Lookups that found nothing (or only a page past its age). */
  misses: number;
  /** Pages dropped, least recently used first, to stay within the byte budget. */
  evictions: number;
  /** Pages dropped because what they show changed. */
  invalidations: number;
  entries: number;
  /** Bytes held: each page's plain, gzip and brotli copies plus a fixed overhead. */
  bytes: number;
  maxBytes: number;
}

export class PageCache {
  readonly #pages = new Map<string, CachedPage>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #invalidations = 0;

  constructor(
    readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxAgeMs = defaultMaxAgeMs,
  ) {}

  get(key: string): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (!page || Date.now() - page.renderedAt > this.maxAgeMs) {
      if (page) this.delete(key);
      this.#misses++;
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.#pages.delete(key);
    this.#pages.set(key, page);
    this.#hits++;
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    // A page bigger than the whole budget would only push everything else out, then itself.
    if (page.bytes > this.maxBytes) return;
    this.#pages.set(key, page);
    this.#bytes += page.bytes;
    for (const [oldest] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
      this.#evictions++;
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
      if (page.tags.some((t) => wanted.has(t))) {
        this.delete(key);
        this.#invalidations++;
      }
    }
  }

  clear(): void {
    this.#invalidations += this.#pages.size;
    this.#pages.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#pages.size;
  }

  stats(): PageCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      invalidations: this.#invalidations,
      entries: this.#pages.size,
      bytes: this.#bytes,
      maxBytes: this.maxBytes,
    };
  }
}

export function buildCachedPage(
  body: Buffer,
  status: number,
  contentType: string,
  tags: readonly string[],
  link?: string,
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
    link,
  };
}
