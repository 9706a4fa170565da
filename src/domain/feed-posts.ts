// The latest public posts for a feed. A blog's subscribers follow its news as well as its
// reviews (WordPress puts posts in its main feed), so the site feed and a tag's feed carry
// posts beside reviews. Pages are not dated news and stay out, as in WordPress.
import type { Db } from "../db/connect.ts";
import { feedLength, groupBy, type FeedScope } from "./feed-items.ts";
import { publishedPosts } from "./posts-public.ts";

export interface FeedPost {
  id: number;
  slug: string;
  title: string;
  /** Sanitised HTML, rendered when the post was saved. */
  bodyHtml: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  authorName: string;
  tags: { slug: string; name: string }[];
}

export async function latestFeedPosts(
  db: Db,
  scope: FeedScope,
  now: string,
  limit = feedLength,
): Promise<FeedPost[]> {
  // Series and people are about films; no post belongs to them.
  if (scope.kind === "series" || scope.kind === "person") return [];
  let query = publishedPosts(db, now)
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id as id",
      "posts.slug as slug",
      "posts.title as title",
      "posts.body_html as bodyHtml",
      "posts.excerpt as excerpt",
      "posts.published_at as publishedAt",
      "posts.updated_at as updatedAt",
      "users.display_name as authorName",
    ])
    .where("posts.kind", "=", "post");
  if (scope.kind === "tag") {
    query = query.where("posts.id", "in", (eb) =>
      eb
        .selectFrom("post_tags")
        .select("post_tags.post_id")
        .where("post_tags.tag_id", "=", scope.tagId),
    );
  }
  const rows = await query
    .orderBy("posts.published_at", "desc")
    .orderBy("posts.id", "desc")
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const tags = await tagsOfPosts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const publishedAt = r.publishedAt ?? r.updatedAt;
    return {
      ...r,
      publishedAt,
      updatedAt: r.updatedAt > publishedAt ? r.updatedAt : publishedAt,
      tags: tags.get(r.id) ?? [],
    };
  });
}

async function tagsOfPosts(db: Db, postIds: number[]) {
  const rows = await db.kysely
    .selectFrom("post_tags")
    .innerJoin("tags", "tags.id", "post_tags.tag_id")
    .select(["post_tags.post_id as postId", "tags.slug as slug", "tags.name as name"])
    .where("post_tags.post_id", "in", postIds)
    .orderBy("tags.name")
    .execute();
  return groupBy(
    rows,
    (r) => r.postId,
    (r) => ({ slug: r.slug, name: r.name }),
  );
}
