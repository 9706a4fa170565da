// Posts and pages that are not film reviews: an "About" page, a note to readers, a WordPress
// post with no film in its title. Drafts are private and scheduled ones go public on their
// own, exactly as reviews do (src/domain/posts-public.ts); bodies are rendered and sanitised
// by the review renderer when saved, so imported WordPress HTML is as safe as Markdown.
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Post, PostKind, ReviewStatus, Tag } from "../db/schema.ts";
import { excerptFrom, renderReviewBody } from "../content/markdown.ts";
import { slugify } from "../content/slug.ts";
import { recordChange, type ChangeTag } from "./changes.ts";
import { ensureTag } from "./tags.ts";
import { nowIso, toIso } from "./time.ts";

/** Where a post or page is read: each kind has an address space of its own. */
export function postPath(kind: PostKind, slug: string): string {
  return kind === "page" ? `/pages/${slug}` : `/post/${slug}`;
}

interface PostInput {
  kind: PostKind;
  title: string;
  /** Made from the title when absent; made unique within the kind by adding -2, -3… */
  slug?: string | undefined;
  body: string;
  /** Made from the body when absent or blank. */
  excerpt?: string | undefined;
  status: ReviewStatus;
  /** Required when scheduled; defaults to now when published. */
  publishedAt?: string | Date | null | undefined;
  authorId: number;
  parentId?: number | null | undefined;
  menuOrder?: number | undefined;
  tags?: string[] | undefined;
}

interface PostUpdate {
  title: string;
  /** Taken as given: the caller checks that it is free (postSlugTaken). */
  slug: string;
  body: string;
  status: ReviewStatus;
  publishedAt?: string | null | undefined;
  tags?: string[] | undefined;
}

export class PostInputError extends Error {}

export async function createPost(db: Db, input: PostInput): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const time = nowIso();
    const slug = await uniquePostSlug(trx, input.kind, input.slug || input.title);
    const post = await trx.kysely
      .insertInto("posts")
      .values({
        kind: input.kind,
        slug,
        title: input.title.trim() || "Untitled",
        body_md: input.body,
        body_html: renderReviewBody(input.body),
        excerpt: input.excerpt?.trim() || excerptFrom(input.body),
        status: input.status,
        author_id: input.authorId,
        parent_id: input.parentId ?? null,
        menu_order: input.menuOrder ?? 0,
        published_at: publicationTime(input.status, input.publishedAt, null),
        created_at: time,
        updated_at: time,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.tags?.length) await setPostTags(trx, post.id, input.tags);
    if (post.status !== "draft") await recordChange(trx, changeTagsOf(post, true));
    return post;
  });
}

export async function updatePost(db: Db, postId: number, input: PostUpdate): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const before = await postById(trx, postId);
    if (!before) throw new PostInputError("This post no longer exists.");
    const after = await trx.kysely
      .updateTable("posts")
      .set({
        title: input.title.trim() || "Untitled",
        slug: input.slug,
        body_md: input.body,
        body_html: renderReviewBody(input.body),
        excerpt: excerptFrom(input.body),
        status: input.status,
        published_at: publicationTime(input.status, input.publishedAt, before),
        updated_at: nowIso(),
      })
      .where("id", "=", postId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.tags) await setPostTags(trx, postId, input.tags);
    if (before.status !== "draft" || after.status !== "draft") {
      const moved =
        before.status !== after.status ||
        before.published_at !== after.published_at ||
        before.slug !== after.slug;
      await recordChange(trx, [
        ...new Set([...changeTagsOf(before, moved), ...changeTagsOf(after, moved)]),
      ]);
    }
    return after;
  });
}

/** Deletes a post or page for good; its old addresses stop redirecting to it. */
export async function deletePost(db: Db, postId: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const post = await postById(trx, postId);
    if (!post) return false;
    await trx.kysely
      .updateTable("posts")
      .set({ parent_id: null })
      .where("parent_id", "=", postId)
      .execute();
    await trx.kysely
      .deleteFrom("redirects")
      .where("to_path", "=", postPath(post.kind, post.slug))
      .execute();
    await trx.kysely.deleteFrom("posts").where("id", "=", postId).execute();
    if (post.status !== "draft") await recordChange(trx, changeTagsOf(post, true));
    return true;
  });
}

function publicationTime(
  status: ReviewStatus,
  given: string | Date | null | undefined,
  before: Post | null,
): string | null {
  if (status === "draft") return null;
  if (given) return toIso(given);
  if (status === "scheduled") throw new PostInputError("A scheduled post needs a time.");
  // Re-saving a published post keeps its date; publishing a draft makes it public now.
  return before?.status === "published" && before.published_at ? before.published_at : nowIso();
}

/**
 * What a change to a public post or page shows on: its own page, and the sitemap ("lists").
 * A page is listed in every page's footer, so it changes the whole site. A post that comes
 * or goes ("public-set") also tells the page cache to look again for the next one due.
 */
function changeTagsOf(post: Pick<Post, "kind" | "slug">, comesOrGoes: boolean): ChangeTag[] {
  const own: ChangeTag = `post:${post.kind}:${post.slug}`;
  if (post.kind === "page") return [own, "site"];
  return [own, comesOrGoes ? "public-set" : "lists"];
}

async function uniquePostSlug(db: Db, kind: PostKind, text: string): Promise<string> {
  const base = slugify(text);
  const taken = await db.kysely
    .selectFrom("posts")
    .select("slug")
    .where("kind", "=", kind)
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whether another post of this kind already has the slug. */
export async function postSlugTaken(
  db: Db,
  kind: PostKind,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let query = db.kysely
    .selectFrom("posts")
    .select("id")
    .where("kind", "=", kind)
    .where("slug", "=", slug);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function postById(db: Db, postId: number): Promise<Post | undefined> {
  return db.kysely.selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirst();
}

/** Replaces a post's tags with these names (blank and repeated names are dropped). */
async function setPostTags(db: Db, postId: number, names: string[]): Promise<void> {
  const ids = new Set<number>();
  for (const name of names) if (name.trim()) ids.add((await ensureTag(db, name)).id);
  await db.kysely.deleteFrom("post_tags").where("post_id", "=", postId).execute();
  if (ids.size) {
    await db.kysely
      .insertInto("post_tags")
      .values([...ids].map((tag_id) => ({ post_id: postId, tag_id })))
      .execute();
  }
}

export async function tagsOfPost(db: Db, postId: number): Promise<Tag[]> {
  return db.kysely
    .selectFrom("tags")
    .innerJoin("post_tags", "post_tags.tag_id", "tags.id")
    .selectAll("tags")
    .where("post_tags.post_id", "=", postId)
    .orderBy("tags.name")
    .execute();
}

export interface PostListItem {
  id: number;
  kind: PostKind;
  slug: string;
  title: string;
  status: ReviewStatus;
  publishedAt: string | null;
  updatedAt: string;
  authorName: string;
}

/** Every post and page, for the admin: pages first, then posts, newest first. */
export async function postsForAdmin(db: Db): Promise<PostListItem[]> {
  return db.kysely
    .selectFrom("posts")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id as id",
      "posts.kind as kind",
      "posts.slug as slug",
      "posts.title as title",
      "posts.status as status",
      "posts.published_at as publishedAt",
      "posts.updated_at as updatedAt",
      "users.display_name as authorName",
    ])
    .orderBy("posts.kind", "asc")
    .orderBy("posts.updated_at", "desc")
    .orderBy("posts.id", "desc")
    .execute();
}
