// People are records: one page per person, listing every reviewed film of theirs by role.
import type { Db } from "../db/connect.ts";
import type { CreditRole, Person, Still } from "../db/schema.ts";
import { approvedCommentCounts } from "./indexes/comment-counts.ts";
import { leadStillsOf } from "./indexes/listing-stills.ts";
import { publishedReviews } from "./visibility.ts";
import { nowIso } from "./time.ts";
import { uniqueSlugs } from "./unique-slug.ts";

/** Returns the person with exactly this name, creating them when new. */
export async function ensurePerson(db: Db, name: string): Promise<Person> {
  const people = await ensurePeople(db, [name]);
  return people.get(name.trim().replace(/\s+/g, " "))!;
}

/**
 * Many people at once (an import's batch): each name's person, by its cleaned name, created
 * when new — one query to find them and one to add the missing, however many names.
 */
export async function ensurePeople(db: Db, names: string[]): Promise<Map<string, Person>> {
  const clean = [...new Set(names.map((name) => name.trim().replace(/\s+/g, " ")))];
  if (clean.some((name) => !name)) throw new Error("A person needs a name.");
  const found = new Map<string, Person>();
  for (let i = 0; i < clean.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("people")
      .selectAll()
      .where("name", "in", clean.slice(i, i + 500))
      .execute();
    for (const row of rows) if (!found.has(row.name)) found.set(row.name, row);
  }
  const missing = clean.filter((name) => !found.has(name));
  if (missing.length === 0) return found;
  const slugs = await uniqueSlugs(db, "people", missing);
  const at = nowIso();
  for (let i = 0; i < missing.length; i += 200) {
    const rows = await db.kysely
      .insertInto("people")
      .values(
        missing.slice(i, i + 200).map((name, n) => ({ slug: slugs[i + n]!, name, created_at: at })),
      )
      .returningAll()
      .execute();
    for (const row of rows) found.set(row.name, row);
  }
  return found;
}

export async function personBySlug(db: Db, slug: string): Promise<Person | undefined> {
  return db.kysely.selectFrom("people").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export interface FilmographyItem {
  role: CreditRole;
  character: string | null;
  filmSlug: string;
  title: string;
  year: number | null;
  reviewSlug: string;
  publishedAt: string;
  /** Approved comments on that review. */
  commentCount: number;
  /** That review's first still, shown small beside the row. */
  leadStill?: Still;
}

/** Every film of this person's that has a public review, newest review first within a role. */
export async function reviewedFilmography(
  db: Db,
  personId: number,
  now: string,
  /** Only these films (one page of them); every film when left out. */
  filmIds?: number[],
): Promise<FilmographyItem[]> {
  if (filmIds?.length === 0) return [];
  const rows = await publishedReviews(db, now)
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("credits", "credits.film_id", "films.id")
    .where("credits.person_id", "=", personId)
    .$if(filmIds !== undefined, (q) => q.where("films.id", "in", filmIds ?? []))
    .select([
      "credits.role as role",
      "credits.character as character",
      "films.slug as filmSlug",
      "films.title as title",
      "films.year as year",
      "reviews.id as reviewId",
      "reviews.slug as reviewSlug",
      "reviews.published_at as publishedAt",
    ])
    .orderBy("films.year", "asc")
    .orderBy("films.title", "asc")
    .orderBy("reviews.published_at", "desc")
    .execute();
  // One line per film and role: the newest review of a film stands for its rewatches.
  const seen = new Set<string>();
  const shown = rows.filter((r) => {
    const key = `${r.role}:${r.filmSlug}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const reviewIds = shown.map((r) => r.reviewId);
  const [counts, stills] = await Promise.all([
    approvedCommentCounts(db, reviewIds),
    leadStillsOf(db, reviewIds),
  ]);
  return shown.map(({ reviewId, ...r }) => {
    const still = stills.get(reviewId);
    return {
      ...r,
      publishedAt: r.publishedAt ?? "",
      commentCount: counts.get(reviewId) ?? 0,
      ...(still ? { leadStill: still } : {}),
    };
  });
}
