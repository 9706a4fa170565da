// Featured images become stills. In an export, a post names its featured image by the id
// of an attachment item, which may come before or after the post; so both are noted as
// they stream past (a file path and a few words each, never the image) and matched at the
// end. The same goes for the other stills a Cinelog export lists, and for images in a
// review's text (inline-images.ts). Files are read from the uploads folder the owner points
// at, or fetched from the old site when the owner turns that on (attachment-files.ts).
import { ownCopy } from "./own-copy.ts";
import type { Db } from "../../db/connect.ts";
import { inTransaction } from "../../db/transaction.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { addStill, stillOf } from "../../domain/stills.ts";
import { storeUploadedStill } from "../../media/still-storage.ts";
import { StillRejected } from "../../media/still-variants.ts";
import type { ImportSummary } from "../import-summary.ts";
import type { AttachmentFetchOptions } from "./attachment-fetch.ts";
import { AttachmentFiles } from "./attachment-files.ts";
import { AttachmentRegistry, type Attachment } from "./attachments.ts";
import { InlineImages } from "./inline-images.ts";
import type { WxrItem } from "./wxr-types.ts";

interface AttachmentOptions {
  /** The old site's `wp-content/uploads` folder. */
  uploadsDir?: string | undefined;
  /** Where stills and media files are written. */
  mediaDir: string;
  /** Fetch what the uploads folder lacks from the old site (off unless the owner says so). */
  fetchAttachments?: boolean | AttachmentFetchOptions | undefined;
  /** The old site's address, for images in the text given by path. */
  baseUrl: string;
}

interface WantedStill {
  reviewId: number;
  postId: string;
  label: string;
  /** The featured image's attachment id, if the post has one. */
  featuredId: string | undefined;
}

export class FeaturedImages {
  readonly #registry: AttachmentRegistry;
  readonly #files: AttachmentFiles;
  readonly #inline = new InlineImages();
  readonly #wanted: WantedStill[] = [];

  constructor(
    private readonly source: string,
    private readonly options: AttachmentOptions,
  ) {
    this.#registry = new AttachmentRegistry(options.baseUrl);
    this.#files = new AttachmentFiles({
      uploadsDir: options.uploadsDir,
      fetch: options.fetchAttachments,
    });
  }

  noteAttachment(item: WxrItem): void {
    this.#registry.note(item);
  }

  /** A review's post: its featured image, its other stills and its text's images, for later. */
  noteFeatured(item: WxrItem, reviewId: number): void {
    const featuredId = item.meta._thumbnail_id || undefined;
    this.#wanted.push({
      reviewId,
      postId: ownCopy(item.postId),
      label: ownCopy(item.title),
      featuredId: featuredId && ownCopy(featuredId),
    });
    this.#inline.note(reviewId, item.content, item.title);
  }

  async importAll(db: Db, summary: ImportSummary): Promise<void> {
    for (const wanted of this.#wanted) {
      const label = `featured image of "${wanted.label}"`;
      if (wanted.featuredId) {
        const attachment = this.#registry.get(wanted.featuredId);
        if (attachment) {
          this.#registry.use(attachment.id);
          await this.#importStill(
            db,
            summary,
            wanted,
            attachment,
            label,
            "stills from featured images",
          );
        } else {
          summary.skip(label, "featured image missing from the export");
        }
      }
      // A Cinelog export lists every still of a review, the lead one also as featured image.
      for (const attachment of this.#registry.stillsOf(wanted.postId)) {
        if (attachment.id === wanted.featuredId) continue;
        this.#registry.use(attachment.id);
        await this.#importStill(
          db,
          summary,
          wanted,
          attachment,
          `still of "${wanted.label}"`,
          "stills",
        );
      }
    }
    await this.#inline.importAll(db, {
      registry: this.#registry,
      files: this.#files,
      mediaDir: this.options.mediaDir,
      baseUrl: this.options.baseUrl,
      source: this.source,
      summary,
    });
    await this.#registry.recordUnused(db, this.source, summary);
  }

  async #importStill(
    db: Db,
    summary: ImportSummary,
    wanted: WantedStill,
    attachment: Attachment,
    label: string,
    counted: string,
  ): Promise<void> {
    const key = `${wanted.postId}:${attachment.id}`;
    if ((await importedId(db, this.source, "still", key)) !== undefined) return;
    const result = await this.#files.read(attachment.file, attachment.url);
    if ("missing" in result) {
      summary.skip(`${label} (${attachment.url || attachment.file})`, result.missing);
      return;
    }
    try {
      const processed = await storeUploadedStill(
        result.buffer,
        this.options.mediaDir,
        wanted.reviewId,
      );
      // The still and the note that it was imported go in together: a re-run never doubles it.
      await inTransaction(db, async (trx) => {
        const still = await addStill(
          trx,
          stillOf(wanted.reviewId, processed, {
            alt: attachment.alt,
            caption: attachment.caption || null,
          }),
        );
        await recordImported(trx, this.source, "still", [{ externalId: key, localId: still.id }]);
      });
      summary.count(counted);
      if (!attachment.alt) summary.count("stills still needing alt text (add it in the admin)");
    } catch (error) {
      if (!(error instanceof StillRejected)) throw error;
      summary.skip(`${label}: ${error.message}`, "attachments that are not usable images");
    }
  }
}
