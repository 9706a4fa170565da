// Each feed's bytes as last sent, reused while its text is the same. The text comes in pieces
// (src/feeds/xml.ts, xmlDocumentInParts): the head of the document, built on each request,
// and each entry's text as kept by memoisedPerEntry — the same string while the entry is
// unchanged. Comparing the pieces one by one therefore compares the entries by reference and
// only the small head by content: the 145 KB text is neither joined, nor compared, nor
// encoded again while nothing in it changed. A piece that is a new string with the same text
// still compares equal (by content), so the bytes only follow what the text says.

interface Kept {
  parts: readonly string[];
  bytes: Uint8Array<ArrayBuffer>;
}

const utf8 = new TextEncoder();

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class FeedBytes {
  readonly #kept = new Map<string, Kept>();

  /** At most `limit` feeds are kept, the least recently used dropped first. */
  constructor(private readonly limit: number) {}

  /** The UTF-8 bytes of `parts` joined, the very bytes of last time when the parts are equal. */
  get(path: string, parts: readonly string[]): Uint8Array<ArrayBuffer> {
    const kept = this.#kept.get(path);
    this.#kept.delete(path);
    if (kept && sameParts(kept.parts, parts)) {
      this.#kept.set(path, kept);
      return kept.bytes;
    }
    const bytes = utf8.encode(parts.join(""));
    if (this.#kept.size >= this.limit) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(path, { parts, bytes });
    return bytes;
  }
}
