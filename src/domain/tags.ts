// Tags: free words a reviewer attaches to reviews; each has a page.
import type { Db } from "../db/connect.ts";
import type { Tag } from "../db/schema.ts";
import { slugify } from "../content/slug.ts";
import { indexReview } from "../search/indexer.ts";
import { recordChange, reviewChangeTags } from "./changes.ts";

export async function ensureTag(db: Db, name: string): Promise<Tag> {
  const clean = name.trim().replace(/\s+/g, " ");
  const slug = slugify(clean);
  const existing = await db.kysely
    .selectFrom("tags")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (existing) return existing;
  return db.kysely
    .insertInto("tags")
    .values({ slug, name: clean })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a review's tags with these names (blank and repeated names are dropped). */
export async function setReviewTags(db: Db, reviewId: number, names: string[]): Promise<void> {
  const tags: Tag[] = [];
  for (const name of names) {
    if (!name.trim()) continue;
    const tag = await ensureTag(db, name);
    if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
  }
  await db.kysely.deleteFrom("review_tags").where("review_id", "=", reviewId).execute();
  if (tags.length) {
    await db.kysely
      .insertInto("review_tags")
      .values(tags.map((t) => ({ review_id: reviewId, tag_id: t.id })))
      .execute();
  }
  await recordChange(db, await reviewChangeTags(db, reviewId));
  await indexReview(db, reviewId);
}

export async function tagsOfReview(db: Db, reviewId: number): Promise<Tag[]> {
  return db.kysely
    .selectFrom("tags")
    .innerJoin("review_tags", "review_tags.tag_id", "tags.id")
    .selectAll("tags")
    .where("review_tags.review_id", "=", reviewId)
    .orderBy("tags.name")
    .execute();
}

export async function tagBySlug(db: Db, slug: string): Promise<Tag | undefined> {
  return db.kysely.selectFrom("tags").selectAll().where("slug", "=", slug).executeTakeFirst();
}
