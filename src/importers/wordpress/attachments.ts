// The attachments of an export, noted as they stream past (a path and a few words each,
// never the file) so that posts met before or after them can use them: as a featured image,
// as a still a Cinelog export marked, or as an image in a review's text. What nothing used
// is recorded and reported at the end.
import { ownCopy } from "./own-copy.ts";
import type { Db } from "../../db/connect.ts";
import { importedId, importedIds, recordImported } from "../../domain/import-items.ts";
import type { ImportSummary } from "../import-summary.ts";
import { uploadsPathOf } from "./attachment-files.ts";
import { stillMetaKey } from "./cinelog-meta-format.ts";
import { decodeEntities } from "./review-post.ts";
import type { WxrItem } from "./wxr-types.ts";

export interface Attachment {
  id: string;
  /** Path below the uploads folder, `2012/03/still.jpg`. */
  file: string;
  url: string;
  alt: string;
  caption: string;
  /** The post it was uploaded to, if any. */
  parentId: string;
  /** Set by a Cinelog export: the still's place on its review (0 is the lead still). */
  stillPosition: number | undefined;
}

/** `a-300x200.jpg` → `a.jpg`: WordPress's resized copies name the original this way. */
function unsizedPath(file: string): string {
  return file.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1");
}

export class AttachmentRegistry {
  readonly #byId = new Map<string, Attachment>();
  readonly #byFile = new Map<string, string>();
  readonly #used = new Set<string>();
  readonly #stillsByParent = new Map<string, Attachment[]>();

  constructor(private readonly baseUrl: string) {}

  note(item: WxrItem): void {
    const position = Number.parseInt(item.meta[stillMetaKey] ?? "", 10);
    // Kept to the end of the run: own copies, not views of the parser's text (own-copy.ts).
    const attachment: Attachment = {
      id: ownCopy(item.postId),
      file: ownCopy(
        item.meta._wp_attached_file || uploadsPathOf(item.attachmentUrl, this.baseUrl) || "",
      ),
      url: ownCopy(item.attachmentUrl),
      alt: ownCopy(decodeEntities(item.meta._wp_attachment_image_alt ?? "").trim()),
      caption: ownCopy(decodeEntities(item.excerpt).trim()),
      parentId: ownCopy(item.parentId),
      stillPosition: Number.isInteger(position) && position >= 0 ? position : undefined,
    };
    this.#byId.set(attachment.id, attachment);
    const byPath = uploadsPathOf(item.attachmentUrl, this.baseUrl);
    if (byPath) this.#byFile.set(byPath, item.postId);
    if (attachment.file) this.#byFile.set(attachment.file, item.postId);
    if (attachment.stillPosition !== undefined && attachment.parentId) {
      const list = this.#stillsByParent.get(attachment.parentId) ?? [];
      list.push(attachment);
      this.#stillsByParent.set(attachment.parentId, list);
    }
  }

  get(id: string): Attachment | undefined {
    return this.#byId.get(id);
  }

  /** The attachment an image address in a post's text shows, or one of its resized copies. */
  byFile(file: string): Attachment | undefined {
    const id = this.#byFile.get(file) ?? this.#byFile.get(unsizedPath(file));
    return id === undefined ? undefined : this.#byId.get(id);
  }

  use(id: string): void {
    this.#used.add(id);
  }

  /** Attachments a Cinelog export marked as stills of the post `parentId`, in order. */
  stillsOf(parentId: string): Attachment[] {
    const list = this.#stillsByParent.get(parentId) ?? [];
    return [...list].sort((a, b) => (a.stillPosition ?? 0) - (b.stillPosition ?? 0));
  }

  /**
   * Notes that an image in a review's text was brought in from this attachment (local id:
   * the review), so later runs, which no longer see it in the text, know it was used.
   */
  async recordBroughtIn(db: Db, source: string, id: string, reviewId: number): Promise<void> {
    const known = await importedId(db, source, "attachment", id);
    if (known === undefined) {
      await recordImported(db, source, "attachment", [{ externalId: id, localId: reviewId }]);
    } else if (known === 0) {
      await db.kysely
        .updateTable("import_items")
        .set({ local_id: reviewId })
        .where("source", "=", source)
        .where("kind", "=", "attachment")
        .where("external_id", "=", id)
        .execute();
    }
  }

  /**
   * Records the attachments nothing used (kind `attachment`, local id 0: known, not
   * brought in), so the owner can find them again, and reports them.
   */
  async recordUnused(db: Db, source: string, summary: ImportSummary): Promise<void> {
    const candidates = [...this.#byId.values()].filter((a) => !this.#used.has(a.id));
    if (candidates.length === 0) return;
    const known = await importedIds(
      db,
      source,
      "attachment",
      candidates.map((a) => a.id),
    );
    // Brought in by an earlier run (into a review's text): used, not left behind.
    const unused = candidates.filter((a) => (known.get(a.id) ?? 0) === 0);
    const fresh = unused.filter((a) => !known.has(a.id));
    await recordImported(
      db,
      source,
      "attachment",
      fresh.map((a) => ({ externalId: a.id, localId: 0 })),
    );
    for (const a of unused) {
      summary.skip(
        a.file || a.url || `attachment ${a.id}`,
        "attachment that is no post's featured image and in no review's text (recorded, not imported)",
      );
    }
  }
}
