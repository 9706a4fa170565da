// What readers see of posts and pages: the same rule as reviews (src/domain/visibility.ts) —
// drafts never, scheduled ones once their time has come, checked in every query.
import type { ExpressionBuilder } from "kysely";
import type { Db } from "../db/connect.ts";
import type { Database, Post, PostKind, Tag } from "../db/schema.ts";
import { postPath, tagsOfPost } from "./posts.ts";

export function isPublicPost(now: string) {
  return (eb: ExpressionBuilder<Pick<Database, "posts">, "posts">) =>
    eb.and([
      eb("posts.status", "in", ["published", "scheduled"]),
      eb("posts.published_at", "is not", null),
      eb("posts.published_at", "<=", now),
    ]);
}

export function publishedPosts(db: Db, now: string) {
  return db.kysely.selectFrom("posts").where(isPublicPost(now));
}

export interface PostPageData {
  post: Post;
  authorName: string;
  tags: Tag[];
  /** A page's parent page, when it has a public one. */
  parent: { slug: string; title: string } | undefined;
}

/** A public post or page by its address; drafts and not-yet-due ones are not found. */
export async function loadPostPage(
  db: Db,
  kind: PostKind,
  slug: string,
  now: string,
): Promise<PostPageData | undefined> {
  const row = await publishedPosts(db, now)
    .innerJoin("users", "users.id", "posts.author_id")
    .selectAll("posts")
    .select("users.display_name as authorName")
    .where("posts.kind", "=", kind)
    .where("posts.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const { authorName, ...post } = row;
  const parent =
    post.parent_id === null
      ? undefined
      : await publishedPosts(db, now)
          .select(["posts.slug as slug", "posts.title as title"])
          .where("posts.id", "=", post.parent_id)
          .where("posts.kind", "=", "page")
          .executeTakeFirst();
  return { post, authorName, tags: await tagsOfPost(db, post.id), parent };
}

interface PageLink {
  path: string;
  title: string;
}

/** The public top-level pages, in their menu order, for the site's footer. */
export async function publicPageLinks(db: Db, now: string): Promise<PageLink[]> {
  const rows = await publishedPosts(db, now)
    .select(["posts.slug as slug", "posts.title as title"])
    .where("posts.kind", "=", "page")
    .where("posts.parent_id", "is", null)
    .orderBy("posts.menu_order")
    .orderBy("posts.title")
    .limit(12)
    .execute();
  return rows.map((r) => ({ path: postPath("page", r.slug), title: r.title }));
}

/** Sitemap entries (src/domain/sitemap-entries.ts) for every public post and page. */
export async function postSitemapEntries(
  db: Db,
  now: string,
): Promise<{ path: string; lastmod: string | undefined }[]> {
  const rows = await publishedPosts(db, now)
    .select([
      "posts.kind as kind",
      "posts.slug as slug",
      "posts.published_at as published",
      "posts.updated_at as updated",
    ])
    .orderBy("posts.kind")
    .orderBy("posts.published_at", "desc")
    .orderBy("posts.id", "desc")
    .execute();
  return rows.map((r) => {
    const published = r.published ?? r.updated;
    return {
      path: postPath(r.kind, r.slug),
      lastmod: published > r.updated ? published : r.updated,
    };
  });
}
