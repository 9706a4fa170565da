// Featured images become stills. In an export, a post names its featured image by the id
// of an attachment item, which may come before or after the post; so both are noted as
// they stream past (a file path and a few words each, never the image) and matched at the
// end. The image itself is read from the uploads folder the owner points at: the import
// never fetches from the old site.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../db/connect.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { addStill, stillOf } from "../../domain/stills.ts";
import { storeUploadedStill } from "../../media/still-storage.ts";
import { MAX_STILL_BYTES, StillRejected } from "../../media/still-variants.ts";
import type { ImportSummary } from "../import-summary.ts";
import { decodeEntities } from "./review-post.ts";
import type { WxrItem } from "./wxr-types.ts";

interface Attachment {
  /** Path below the uploads folder, `2012/03/still.jpg`. */
  file: string;
  url: string;
  alt: string;
  caption: string;
}

/** `https://old.example/wp-content/uploads/2012/03/a.jpg` → `2012/03/a.jpg`. */
function uploadsPathOf(url: string): string {
  const marker = "/wp-content/uploads/";
  const at = url.indexOf(marker);
  if (at < 0) return "";
  try {
    return decodeURIComponent(url.slice(at + marker.length).split(/[?#]/)[0] ?? "");
  } catch {
    return "";
  }
}

export class FeaturedImages {
  readonly #attachments = new Map<string, Attachment>();
  readonly #wanted: { reviewId: number; postId: string; attachmentId: string; label: string }[] =
    [];

  constructor(
    private readonly source: string,
    private readonly uploadsDir: string | undefined,
    private readonly mediaDir: string,
  ) {}

  noteAttachment(item: WxrItem): void {
    this.#attachments.set(item.postId, {
      file: item.meta._wp_attached_file || uploadsPathOf(item.attachmentUrl),
      url: item.attachmentUrl,
      alt: decodeEntities(item.meta._wp_attachment_image_alt ?? "").trim(),
      caption: decodeEntities(item.excerpt).trim(),
    });
  }

  /** The post's featured image, if it has one, is to become a still of this review. */
  noteFeatured(item: WxrItem, reviewId: number): void {
    const attachmentId = item.meta._thumbnail_id;
    if (attachmentId) {
      this.#wanted.push({ reviewId, postId: item.postId, attachmentId, label: item.title });
    }
  }

  /** Every attachment not used as a featured image (its file), for the summary. */
  get unused(): string[] {
    const used = new Set(this.#wanted.map((w) => w.attachmentId));
    return [...this.#attachments]
      .filter(([id]) => !used.has(id))
      .map(([id, a]) => a.file || a.url || `attachment ${id}`);
  }

  async importAll(db: Db, summary: ImportSummary): Promise<void> {
    for (const wanted of this.#wanted) {
      const key = `${wanted.postId}:${wanted.attachmentId}`;
      if ((await importedId(db, this.source, "still", key)) !== undefined) continue;
      const attachment = this.#attachments.get(wanted.attachmentId);
      const label = `featured image of "${wanted.label}"`;
      if (!attachment) {
        summary.skip(label, "featured image missing from the export");
        continue;
      }
      const buffer = await this.#read(attachment);
      if (!buffer) {
        summary.skip(
          `${label} (${attachment.url || attachment.file})`,
          this.uploadsDir
            ? "featured image not found in the uploads folder"
            : "featured image not imported: give the uploads folder with --uploads DIR",
        );
        continue;
      }
      try {
        const processed = await storeUploadedStill(buffer, this.mediaDir, wanted.reviewId);
        const still = await addStill(
          db,
          stillOf(wanted.reviewId, processed, {
            alt: attachment.alt,
            caption: attachment.caption || null,
          }),
        );
        await recordImported(db, this.source, "still", [{ externalId: key, localId: still.id }]);
        summary.count("stills from featured images");
        if (!attachment.alt) summary.count("stills still needing alt text (add it in the admin)");
      } catch (error) {
        if (!(error instanceof StillRejected)) throw error;
        summary.skip(`${label}: ${error.message}`, "featured image is not a usable image");
      }
    }
  }

  async #read(attachment: Attachment): Promise<Buffer | undefined> {
    if (!this.uploadsDir || !attachment.file) return undefined;
    const root = path.resolve(this.uploadsDir);
    const file = path.resolve(root, attachment.file);
    // The path comes from the export: it may not lead out of the uploads folder.
    if (!file.startsWith(root + path.sep)) return undefined;
    try {
      const buffer = await readFile(file);
      return buffer.length <= MAX_STILL_BYTES ? buffer : undefined;
    } catch {
      return undefined;
    }
  }
}
