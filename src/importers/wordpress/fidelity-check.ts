// The import's own proof that what the author wrote is what the reader gets: for every post
// and page brought in by this run, the words of the stored body must be the words of the
// source body, in order, less only lines that are a credit on their own or an Up Next line.
// While the file is read only a fingerprint of each source block is kept (a hash and a word
// count), so the check costs one read of the stored bodies at the end, not a second parse.
import { createHash } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import type { ImportSummary } from "../import-summary.ts";
import { isStandaloneCredit } from "./credit-line.ts";
import { decodeEntities } from "./html-text.ts";
import { ownCopy } from "./own-copy.ts";

interface Block {
  hash: string;
  words: number;
  /** A credit on its own or an Up Next line: the import may leave it out. */
  removable: boolean;
}

interface Noted {
  id: number;
  label: string;
  blocks: Block[];
}

const blockTags =
  /<\/?(?:p|div|h[1-6]|blockquote|li|ul|ol|figure|figcaption|pre|table|tr|td|th|br|hr)\b[^>]*>/gi;

/** The lines a reader sees in a body (HTML or Markdown), each as visible text. */
export function textBlocks(body: string): string[] {
  return decodeEntities(
    body
      .replace(/<!--[\s\S]*?-->/g, "\n")
      .replace(blockTags, "\n")
      .replace(/<\/?[A-Za-z!][^<>]*>/g, " ")
      // A Markdown link's address is not read; the import may point it elsewhere (images).
      .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, "] "),
  ).split("\n");
}

export function wordsOf(text: string): string[] {
  return text.normalize("NFC").match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

function hashOf(words: string[]): string {
  return createHash("sha1").update(words.join(" ")).digest("base64");
}

function fingerprint(body: string): Block[] {
  const blocks: Block[] = [];
  for (const line of textBlocks(body)) {
    const words = wordsOf(line);
    if (words.length === 0) continue;
    const text = line.trim();
    blocks.push({
      hash: hashOf(words),
      words: words.length,
      removable: /^Up Next\b/i.test(text) || isStandaloneCredit(text),
    });
  }
  return blocks;
}

/** Whether the stored words are the source's, block by block, less removable blocks only. */
function matches(blocks: Block[], stored: string[]): boolean {
  let at = 0;
  for (const block of blocks) {
    if (at + block.words <= stored.length) {
      if (hashOf(stored.slice(at, at + block.words)) === block.hash) {
        at += block.words;
        continue;
      }
    }
    if (!block.removable) return false;
  }
  return at === stored.length;
}

export class FidelityCheck {
  readonly #noted = { reviews: [] as Noted[], posts: [] as Noted[] };

  /** Remembers the source body of a review or post this run created. */
  note(table: "reviews" | "posts", id: number, label: string, sourceBody: string): void {
    // Own copies: a slice of the parser's text would keep its whole chunk alive (own-copy.ts).
    this.#noted[table].push({ id, label: ownCopy(label), blocks: fingerprint(sourceBody) });
  }

  /** Compares every noted body with the stored one and puts the outcome in the summary. */
  async run(db: Db, summary: ImportSummary): Promise<void> {
    const changed: string[] = [];
    let compared = 0;
    for (const table of ["reviews", "posts"] as const) {
      const noted = this.#noted[table];
      for (let i = 0; i < noted.length; i += 200) {
        const slice = noted.slice(i, i + 200);
        const rows = await db.kysely
          .selectFrom(table)
          .select(["id", "body_md"])
          .where(
            "id",
            "in",
            slice.map((n) => n.id),
          )
          .execute();
        const bodies = new Map(rows.map((r) => [r.id, r.body_md]));
        for (const post of slice) {
          compared += 1;
          const stored = wordsOf(textBlocks(bodies.get(post.id) ?? "").join("\n"));
          if (matches(post.blocks, stored)) continue;
          const expected = post.blocks.reduce((n, b) => n + b.words, 0);
          const more = stored.length > expected ? "gained" : "lost";
          changed.push(
            `${post.label}: ${more} words (${expected} in the source, ${stored.length} stored)`,
          );
        }
      }
      noted.length = 0;
    }
    summary.fidelity = { compared, changed };
  }
}
