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

/** Many tags at once (an import's batch): each name's tag, by the name given, created when new. */
export async function ensureTags(db: Db, names: string[]): Promise<Map<string, Tag>> {
  const slugOf = new Map(names.map((name) => [name, slugify(name.trim().replace(/\s+/g, " "))]));
  const bySlug = new Map<string, Tag>();
  const slugs = [...new Set(slugOf.values())];
  for (let i = 0; i < slugs.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("tags")
      .selectAll()
      .where("slug", "in", slugs.slice(i, i + 500))
      .execute();
    for (const row of rows) bySlug.set(row.slug, row);
  }
  // A new tag is named as the first name that asked for it.
  const missing = new Map<string, string>();
  for (const [name, slug] of slugOf) {
    if (!bySlug.has(slug) && !missing.has(slug))
      missing.set(slug, name.trim().replace(/\s+/g, " "));
  }
  if (missing.size > 0) {
    const rows = await db.kysely
      .insertInto("tags")
      .values([...missing].map(([slug, name]) => ({ slug, name })))
      .returningAll()
      .execute();
    for (const row of rows) bySlug.set(row.slug, row);
  }
  return new Map(names.map((name) => [name, bySlug.get(slugOf.get(name)!)!]));
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
