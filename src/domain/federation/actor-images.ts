// The images the owner may give the blog's fediverse account (avatar and header): stills
// already on the site, so they go through the site's own image pipeline and are served from
// its media, never fetched from elsewhere. (Uploaded pictures are the other choice:
// src/media/actor-image.ts.)
import type { Db } from "../../db/connect.ts";

/** [media path, label] of the latest stills, for the owner's choice. */
export async function actorImageChoices(db: Db, limit = 200): Promise<[string, string][]> {
  const rows = await db.kysely
    .selectFrom("stills")
    .innerJoin("reviews", "reviews.id", "stills.review_id")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select(["stills.path as path", "stills.alt as alt", "films.title as title"])
    .orderBy("stills.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => [r.path, `${r.title}: ${r.alt || r.path}`]);
}

/** Whether `path` is a still of the site (the only images the actor may show). */
export async function isStillPath(db: Db, path: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("stills")
    .select("id")
    .where("path", "=", path)
    .executeTakeFirst();
  return row !== undefined;
}
