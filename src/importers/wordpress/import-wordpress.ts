// `cinelog import wordpress`: reads a WordPress export record by record and brings in its
// authors, tags and categories, reviews (with their films, directors and "Up Next" order),
// other posts and pages (import-posts.ts),
// comments with their threads and statuses, and the old addresses as redirects. Every
// record is remembered by its WordPress id, so running the same import again adds nothing.
import { stat } from "node:fs/promises";
import type { Db } from "../../db/connect.ts";
import type { ReviewStatus, Role } from "../../db/schema.ts";
import { recordChange } from "../../domain/changes.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { ensureTag } from "../../domain/tags.ts";
import { createUser } from "../../domain/users.ts";
import { FilmCatalogue } from "../film-catalogue.ts";
import type { ImportLimits } from "../../config/import-limits.ts";
import { ImportSummary } from "../import-summary.ts";
import { UpNextPlan } from "../up-next-plan.ts";
import type { AttachmentFetchOptions } from "./attachment-fetch.ts";
import { CinelogMeta } from "./cinelog-meta.ts";
import { FeaturedImages } from "./featured-images.ts";
import { FidelityCheck } from "./fidelity-check.ts";
import { PlainPostImport } from "./import-posts.ts";
import { reviewFromPost } from "./review-post.ts";
import { writeReviewBatch, type PendingReview, type WrittenReview } from "./review-batch.ts";
import { readWxr } from "./wxr-reader.ts";
import { WxrError } from "./wxr-types.ts";
import type { WxrAuthor, WxrItem, WxrRecord, WxrSite, WxrTerm } from "./wxr-types.ts";

interface WordPressImportProgress {
  bytesRead: number;
  totalBytes: number;
  items: number;
}

interface WordPressImportOptions {
  file: string;
  /** The old site's `wp-content/uploads` folder, where featured images are read from. */
  uploadsDir?: string;
  /** Where stills are written (the site's media directory). */
  mediaDir: string;
  /** Fetch attachments the uploads folder lacks from the old site (`--fetch-attachments`). */
  fetchAttachments?: boolean | AttachmentFetchOptions;
  onProgress?: (progress: WordPressImportProgress) => void;
  /** The largest text node and record read before the file is refused. */
  limits?: ImportLimits;
}

/**
 * Records to a batch. Each batch's reviews are written many rows to a statement
 * (review-batch.ts), so a bigger batch means fewer statements: on PostgreSQL on a busy
 * machine each statement is a wait for the other process, and 200 halved the wall time
 * against 50 (bench/README.md §4). A batch's posts, their comments included, are a few MB.
 */
const recordsPerTransaction = 200;

const reviewStatusOf: Record<string, ReviewStatus | undefined> = {
  publish: "published",
  future: "scheduled",
  draft: "draft",
  pending: "draft",
  private: "draft",
  "auto-draft": "draft",
};

export async function importWordPress(
  db: Db,
  options: WordPressImportOptions,
): Promise<ImportSummary> {
  const totalBytes = (await stat(options.file)).size;
  const run = new WordPressImport(db, options);
  let items = 0;
  let bytesRead = 0;
  // Records are written a batch at a time, each batch in one transaction: far fewer commits
  // (and full-text index segments) than one per post, and still a bounded amount in memory.
  let batch: WxrRecord[] = [];
  /** Items whose batch is committed: what a failure further on leaves imported. */
  let committed = 0;
  const flush = async () => {
    const records = batch;
    batch = [];
    await run.writeBatch(records);
    committed += records.filter((r) => r.type === "item").length;
    options.onProgress?.({ bytesRead, totalBytes, items });
  };
  try {
    for await (const record of readWxr(
      options.file,
      (p) => (bytesRead = p.bytesRead),
      options.limits,
    )) {
      if (record.type === "item") items += 1;
      batch.push(record);
      if (batch.length >= recordsPerTransaction) await flush();
    }
  } catch (error) {
    if (!(error instanceof WxrError)) throw error;
    // The file broke part-way: what was read whole before the break is kept, and the
    // owner is told so, and that the same import resumes once the file is mended.
    await flush();
    throw partWayError(error, committed);
  }
  await flush();
  await run.finish();
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, items });
  return run.summary;
}

/** The reader's error, with what was imported before it and how to carry on. */
function partWayError(error: WxrError, imported: number): WxrError {
  if (imported === 0) return error;
  const items = imported === 1 ? "1 item" : `${imported.toLocaleString("en")} items`;
  return new WxrError(
    `${error.message.replace(/\.?\s*$/, ".")} ${items} of the file (posts, pages and attachments, with their comments) ` +
      "were imported before this point and are kept. Mend the file (or export it again) and run " +
      "the same import again: what is already here is recognised, and it resumes after it.",
    { cause: error },
  );
}

class WordPressImport {
  readonly summary = new ImportSummary();
  #source = "";
  #siteTitle = "";
  readonly #authors = new Map<string, number>();
  readonly #films: FilmCatalogue;
  #plan: UpNextPlan | undefined;
  #fallbackAuthor: number | undefined;
  #images: FeaturedImages | undefined;
  /** What a Cinelog export carries for Cinelog: series, film records, review fields. */
  readonly #cinelog = new CinelogMeta();
  #plainPosts: PlainPostImport | undefined;
  readonly #fidelity = new FidelityCheck();

  constructor(
    private readonly db: Db,
    private readonly options: WordPressImportOptions,
  ) {
    this.#films = new FilmCatalogue(db);
  }

  /**
   * Writes one batch of records in one transaction, handed to each step. If it fails, what
   * the run learnt from it is forgotten with the rows: the films it added (the catalogue
   * follows the transaction) and the authors it matched; the notes for the end of the run
   * (series order, fidelity check, featured images) are taken only once it has committed.
   */
  async writeBatch(records: WxrRecord[]): Promise<void> {
    const authors = new Map(this.#authors);
    const fallbackAuthor = this.#fallbackAuthor;
    try {
      const written = await this.#films.inTransaction(this.db, async (trx) => {
        const reviews: PendingReview[] = [];
        for (const record of records) await this.#handle(trx, record, reviews);
        return writeReviewBatch(
          trx,
          { source: this.#source, summary: this.summary, films: this.#films },
          reviews,
        );
      });
      this.#afterCommit(written.reviews, written.comments);
    } catch (error) {
      this.#authors.clear();
      for (const [login, id] of authors) this.#authors.set(login, id);
      this.#fallbackAuthor = fallbackAuthor;
      throw error;
    }
  }

  async #handle(trx: Db, record: WxrRecord, reviews: PendingReview[]): Promise<void> {
    switch (record.type) {
      case "site":
        return this.#site(trx, record.site);
      case "author":
        return this.#author(trx, record.author);
      case "term":
        return this.#term(trx, record.term);
      case "item":
        return this.#item(trx, record.item, reviews);
    }
  }

  async #site(db: Db, site: WxrSite): Promise<void> {
    this.#source = `wordpress:${site.baseUrl.replace(/\/+$/, "") || site.title || "unnamed"}`;
    this.#siteTitle = site.title || "Imported";
    const source = this.#source;
    this.#images = new FeaturedImages(source, { ...this.options, baseUrl: site.baseUrl });
    this.#plan = new UpNextPlan(`${this.#siteTitle}: Up Next`, async () => {
      const row = await db.kysely
        .selectFrom("series_entries")
        .innerJoin("import_items", "import_items.local_id", "series_entries.review_id")
        .select("series_entries.series_id")
        .where("import_items.source", "=", source)
        .where("import_items.kind", "=", "review")
        .executeTakeFirst();
      return row?.series_id;
    });
    await this.#plan.load(db);
  }

  async #author(db: Db, author: WxrAuthor): Promise<void> {
    const key = author.login || author.email;
    const known = await importedId(db, this.#source, "author", key);
    if (known !== undefined) {
      this.#authors.set(author.login, known);
      return;
    }
    const email = author.email.trim().toLowerCase();
    const existing = email
      ? await db.kysely
          .selectFrom("users")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirst()
      : undefined;
    let userId = existing?.id;
    if (userId === undefined) {
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
        this.summary.skip(
          `author ${author.login}`,
          "author without an e-mail address (their posts go to the owner)",
        );
        return;
      }
      // Imported authors can write but not sign in until the owner sets them up.
      const role: Role = "author";
      userId = (await createUser(db, { email, displayName: author.displayName, role })).id;
      this.summary.count("authors added");
    } else {
      this.summary.count("authors matched to existing accounts");
    }
    await recordImported(db, this.#source, "author", [{ externalId: key, localId: userId }]);
    this.#authors.set(author.login, userId);
  }

  async #term(db: Db, term: WxrTerm): Promise<void> {
    if (term.kind === "category" && term.slug === "uncategorized") return;
    await ensureTag(db, term.name);
    this.summary.count(term.kind === "tag" ? "tags" : "categories (as tags)");
  }

  async #item(db: Db, item: WxrItem, reviews: PendingReview[]): Promise<void> {
    const label = `${item.postType} ${item.postId} "${item.title}"`;
    if (this.#cinelog.noteSeries(item)) return;
    if (item.postType === "attachment") {
      this.#images?.noteAttachment(item);
      return;
    }
    if (item.postType !== "post" && item.postType !== "page") {
      this.summary.skip(label, `${item.postType}: not content a reader sees`);
      return;
    }
    if (item.status === "trash") {
      this.summary.skip(label, `${item.postType} in the WordPress trash`);
      return;
    }
    const status = reviewStatusOf[item.status];
    if (!status) {
      this.summary.skip(label, `${item.postType} with an unknown WordPress status`);
      return;
    }
    // Pages, and posts whose title is not "Title (Year)", stay posts and pages.
    const review =
      item.postType === "post"
        ? this.#cinelog.review(item, reviewFromPost(item.title, item.content))
        : undefined;
    const authorId = this.#authors.get(item.creator) ?? (await this.#owner(db));
    if (review) {
      // Written with the rest of the batch's reviews (review-batch.ts).
      reviews.push({ item, review, status, authorId });
      return;
    }
    this.#plainPosts ??= new PlainPostImport(this.#source, this.summary);
    const kind = item.postType === "page" ? "page" : "post";
    const before = await importedId(db, this.#source, kind, item.postId);
    await this.#plainPosts.import(db, item, status, authorId);
    const created = before === undefined && (await importedId(db, this.#source, kind, item.postId));
    if (created) this.#fidelity.note("posts", created, label, item.content);
  }

  /** Once a batch has committed: counts, and the notes the end of the run works from. */
  #afterCommit(written: WrittenReview[], comments: Map<string, number>): void {
    for (const { pending, reviewId, isNew, filmId, next } of written) {
      const { item, review } = pending;
      const label = `${item.postType} ${item.postId} "${item.title}"`;
      if (isNew) {
        this.summary.count("reviews");
        // A Cinelog export's review comes from its Markdown; any other from the post's HTML.
        this.#fidelity.note("reviews", reviewId, label, review.extra ? review.body : item.content);
        if (review.creditUnread) {
          this.summary.report(
            `${label}: "${review.creditUnread}"`,
            "credit lines not read as people's names (no person made; the line stays in the review)",
          );
        }
      } else {
        this.summary.count("reviews already imported");
      }
      this.#images?.noteFeatured(item, reviewId);
      if (review.rebuildsSeries !== false) this.#plan?.follow(filmId, next);
    }
    for (const [what, n] of comments) this.summary.count(what, n);
  }

  async #owner(db: Db): Promise<number> {
    if (this.#fallbackAuthor !== undefined) return this.#fallbackAuthor;
    const owner = await db.kysely
      .selectFrom("users")
      .select("id")
      .where("role", "=", "owner")
      .orderBy("id")
      .executeTakeFirst();
    // With no owner yet, the export's first author stands in.
    const fallback = owner?.id ?? this.#authors.values().next().value;
    if (fallback === undefined) {
      throw new WxrError(
        "The export names no author, and the site has no owner: run `cinelog user add` first.",
      );
    }
    this.#fallbackAuthor = fallback;
    return fallback;
  }

  async finish(): Promise<void> {
    // Stills, images in review text, and the attachments nothing used (recorded, reported).
    await this.#images?.importAll(this.db, this.summary);
    await this.#cinelog.finish(this.db, this.#source, this.summary);
    const saved = await this.#plan?.save(this.db);
    if (saved) this.summary.count("series entries from Up Next lines", saved.added);
    if (this.#plan && this.#plan.lines > 0) {
      this.summary.count(
        "Up Next lines that differ from the series order (each review keeps its own)",
        this.#plan.disagreeing,
      );
    }
    this.summary.count("films added", this.#films.created);
    await this.#plainPosts?.finish(this.db);
    // Last, once images in the text have been pointed at their copies.
    await this.#fidelity.run(this.db, this.summary);
    // Imported pages, counts and redirects show at once, in every app instance.
    await recordChange(this.db, ["site", "public-set", "lists", "series"]);
  }
}
