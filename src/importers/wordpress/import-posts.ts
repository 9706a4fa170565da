// WordPress posts that are not reviews, and pages, brought in as Cinelog posts and pages
// (src/domain/posts.ts): their HTML as it was (sanitised when rendered), tags, status and
// date, a page's parent, their old addresses as redirects, and their comments with threads
// and statuses, as under a review (src/importers/wordpress/import-comments.ts).
import type { Db } from "../../db/connect.ts";
import type { PostKind, ReviewStatus } from "../../db/schema.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { postSubject } from "../../domain/comment-subjects.ts";
import { createPost, postPath } from "../../domain/posts.ts";
import { addRedirects, redirectKey, redirectKeyOfLink } from "../../domain/redirects.ts";
import type { ImportSummary } from "../import-summary.ts";
import { plainText } from "./review-post.ts";
import { importComments } from "./import-comments.ts";
import { postDateOf, sourceDateOf } from "./post-date.ts";
import { commentDateOf } from "./comment-date.ts";
import type { WxrItem } from "./wxr-types.ts";

export class PlainPostImport {
  /** Pages met before their parent page: linked once the whole file has been read. */
  readonly #waitingForParent: { pageId: number; parentExternalId: string }[] = [];

  constructor(
    private readonly source: string,
    private readonly summary: ImportSummary,
  ) {}

  async import(db: Db, item: WxrItem, status: ReviewStatus, authorId: number): Promise<void> {
    const kind: PostKind = item.postType === "page" ? "page" : "post";
    const noun = kind === "page" ? "pages" : "posts";
    const existing = await importedId(db, this.source, kind, item.postId);
    if (existing !== undefined) {
      this.summary.count(`${noun} already imported`);
      // A comment written on the old blog since the last run still comes in.
      await this.#comments(db, existing, item);
      return;
    }
    const label = `${kind} ${item.postId} "${plainText(item.title)}"`;
    const publishedAt = postDateOf(item, label, this.summary);
    const parentExternalId = kind === "page" && item.parentId !== "0" ? item.parentId : "";
    const parentId = parentExternalId
      ? await importedId(db, this.source, "page", parentExternalId)
      : undefined;
    const post = await createPost(db, {
      kind,
      title: plainText(item.title),
      slug: item.postName || undefined,
      body: item.content.replace(/\r\n?/g, "\n").trim(),
      excerpt: plainText(item.excerpt) || undefined,
      // A scheduled post without a date cannot go out on its own: kept as a draft.
      status: status === "scheduled" && !publishedAt ? "draft" : status,
      publishedAt: status === "draft" ? null : publishedAt,
      authorId,
      parentId: parentId ?? null,
      tags: item.terms
        .filter(
          (t) => t.domain === "post_tag" || (t.domain === "category" && t.slug !== "uncategorized"),
        )
        .map((t) => t.name),
    });
    if (parentExternalId && parentId === undefined) {
      this.#waitingForParent.push({ pageId: post.id, parentExternalId });
    }
    await recordImported(db, this.source, kind, [{ externalId: item.postId, localId: post.id }]);
    const added = await addRedirects(db, oldAddresses(kind, item), postPath(kind, post.slug));
    this.summary.count(noun);
    this.summary.count("old addresses redirected", added);
    await this.#comments(db, post.id, item);
  }

  async #comments(db: Db, postId: number, item: WxrItem): Promise<void> {
    // Dated as a review's comments are: comment_date, then comment_date_gmt, then the post's.
    const dates = {
      on: `post ${item.postId}`,
      postDate: sourceDateOf(item),
      summary: this.summary,
    };
    const counts = await importComments(db, this.source, postSubject(postId), item.comments, (c) =>
      commentDateOf(c, dates),
    );
    for (const [what, n] of counts) this.summary.count(what, n);
  }

  /** Links the pages whose parent came later in the file. */
  async finish(db: Db): Promise<void> {
    for (const { pageId, parentExternalId } of this.#waitingForParent) {
      const parentId = await importedId(db, this.source, "page", parentExternalId);
      if (parentId === undefined || parentId === pageId) continue;
      await db.kysely
        .updateTable("posts")
        .set({ parent_id: parentId })
        .where("id", "=", pageId)
        .execute();
    }
    this.#waitingForParent.length = 0;
  }
}

/**
 * Where WordPress answered for the item: `?p=ID` (and `?page_id=ID` for a page), its link
 * as exported (a page's `/about/`), and for a post the usual `/%year%/%monthnum%/%postname%/`.
 */
function oldAddresses(kind: PostKind, item: WxrItem): string[] {
  const addresses = [redirectKey("/", new URLSearchParams({ p: item.postId }))];
  if (kind === "page") {
    addresses.push(redirectKey("/", new URLSearchParams({ page_id: item.postId })));
  }
  const linked = redirectKeyOfLink(item.link);
  if (linked) addresses.push(linked);
  const local = /^(\d{4})-(\d{2})/.exec(item.postDate);
  if (kind === "post" && local && item.postName) {
    addresses.push(redirectKey(`/${local[1]}/${local[2]}/${item.postName}/`));
  }
  return addresses;
}
