// Images in a review's text (`<img src="https://old.site/wp-content/uploads/…">`, or a
// Markdown image): when the file can be had (uploads folder, or fetched with the owner's
// leave), it goes through the still pipeline as a media file of the review and the text
// points at the copy here, so the page no longer loads anything from the old site. When it
// cannot, the text is left as it is and the summary says so.
//
// They become media files rather than stills: a review page shows its stills beside the
// text, and an image already in the text would then show twice.
import { ownCopy } from "./own-copy.ts";
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { renderReviewBody } from "../../content/markdown.ts";
import { recordChange, reviewChangeTags } from "../../domain/changes.ts";
import { processStill, StillRejected, type StillVariant } from "../../media/still-variants.ts";
import type { ImportSummary } from "../import-summary.ts";
import { uploadsPathOf, type AttachmentFiles } from "./attachment-files.ts";
import type { AttachmentRegistry } from "./attachments.ts";
import { decodeEntities } from "./review-post.ts";

const imgTag = /<img\b[^>]*>/gi;
const srcAttribute = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const markdownImage = /!\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The image addresses in a body (HTML or Markdown), as written, each once. */
function imageAddresses(body: string): string[] {
  const found = new Set<string>();
  for (const tag of body.match(imgTag) ?? []) {
    const src = srcAttribute.exec(tag);
    const value = src?.[1] ?? src?.[2] ?? src?.[3];
    if (value) found.add(value);
  }
  for (const match of body.matchAll(markdownImage)) if (match[1]) found.add(match[1]);
  return [...found];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Points every image (and every link) at `from` to `to`. An `<img>` so changed loses its
 * `srcset` and `sizes`, which name the old site's resized copies.
 */
function rewriteImage(body: string, from: string, to: string): string {
  const value = new RegExp(
    `(\\s(?:src|href)\\s*=\\s*)(["']?)${escapeRegExp(from)}\\2(?=[\\s>/])`,
    "gi",
  );
  let out = body.replace(imgTag, (tag) => {
    const changed = tag.replace(value, `$1$2${to}$2`);
    return changed === tag
      ? tag
      : changed.replace(/\s(?:srcset|sizes)\s*=\s*(?:"[^"]*"|'[^']*')/gi, "");
  });
  out = out.replace(/<a\b[^>]*>/gi, (tag) => tag.replace(value, `$1$2${to}$2`));
  return out.replace(new RegExp(`(\\]\\(\\s*<?)${escapeRegExp(from)}(?=>?[\\s)])`, "g"), `$1${to}`);
}

/** The copy the text shows: the widest JPEG up to 1600 pixels (the text column is narrower). */
function shownVariant(variants: StillVariant[]): StillVariant {
  const jpegs = variants.filter((v) => v.format === "jpeg").sort((a, b) => a.width - b.width);
  const fitting = jpegs.filter((v) => v.width <= 1600);
  const chosen = fitting.at(-1) ?? jpegs[0];
  if (!chosen) throw new Error("A processed image always has a JPEG variant.");
  return chosen;
}

interface InlineImageContext {
  registry: AttachmentRegistry;
  files: AttachmentFiles;
  mediaDir: string;
  baseUrl: string;
  /** The import's source, for its records of what was brought in. */
  source: string;
  summary: ImportSummary;
}

export class InlineImages {
  readonly #reviews: { reviewId: number; label: string }[] = [];

  /** A review whose post has images in its text; its stored text is read at the end. */
  note(reviewId: number, content: string, label: string): void {
    if (/<img\b|!\[/i.test(content)) this.#reviews.push({ reviewId, label: ownCopy(label) });
  }

  async importAll(db: Db, context: InlineImageContext): Promise<void> {
    const base = safeUrl(context.baseUrl);
    for (const { reviewId, label } of this.#reviews) {
      const row = await db.kysely
        .selectFrom("reviews")
        .select("body_md")
        .where("id", "=", reviewId)
        .executeTakeFirst();
      if (!row) continue;
      let body = row.body_md;
      for (const written of imageAddresses(body)) {
        const address = decodeEntities(written);
        const absolute = absoluteOf(address, context.baseUrl);
        // Images already served here (from an earlier run) and data: addresses stay.
        if (!absolute) continue;
        const file = uploadsPathOf(absolute.href, context.baseUrl);
        const attachment = file ? context.registry.byFile(file) : undefined;
        const fromOldSite = Boolean(attachment || file) || absolute.host === base?.host;
        const what = `image in "${label}" (${absolute.href})`;
        if (!fromOldSite) {
          context.summary.skip(what, "images from other sites, left as they are");
          continue;
        }
        if (attachment) context.registry.use(attachment.id);
        const result = await context.files.read(attachment?.file || file, absolute.href);
        if ("missing" in result) {
          context.summary.skip(what, result.missing);
          continue;
        }
        try {
          const name = randomBytes(9).toString("base64url");
          const processed = await processStill(
            result.buffer,
            context.mediaDir,
            `inline/${reviewId}`,
            name,
          );
          body = rewriteImage(body, written, `/media/${shownVariant(processed.variants).path}`);
          if (attachment) {
            await context.registry.recordBroughtIn(db, context.source, attachment.id, reviewId);
          }
          context.summary.count("images in review text brought in");
        } catch (error) {
          if (!(error instanceof StillRejected)) throw error;
          context.summary.skip(
            `${what}: ${error.message}`,
            "images in review text that are not usable images",
          );
        }
      }
      if (body !== row.body_md) {
        await db.kysely
          .updateTable("reviews")
          .set({ body_md: body, body_html: renderReviewBody(body) })
          .where("id", "=", reviewId)
          .execute();
        await recordChange(db, await reviewChangeTags(db, reviewId));
      }
    }
  }
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The address an image in the old site's text points at: absolute addresses as they are,
 * `//host/…` over https, and `/path` on the old site. Paths served here already
 * (`/media/…` without a host) and anything not http(s) give undefined.
 */
function absoluteOf(address: string, baseUrl: string): URL | undefined {
  if (/^\/media\//.test(address)) return undefined;
  let url: URL | undefined;
  if (/^https?:\/\//i.test(address)) url = safeUrl(address);
  else if (address.startsWith("//")) url = safeUrl(`https:${address}`);
  else if (address.startsWith("/") && safeUrl(baseUrl)) url = new URL(address, baseUrl);
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url : undefined;
}
