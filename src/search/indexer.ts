// Keeps the search index current. Every review is indexed, drafts included: whether a review
// may be found is decided when searching (see index.ts), so a scheduled review becomes
// searchable by itself once it is due, with no job to re-index it.
import type { Db } from "../db/connect.ts";
import { buildSearchDocument } from "./document.ts";
import { emptyIndex, removeFromIndex, writeIndex } from "./index-store.ts";

/** Writes (or replaces) this review's search document from its review, film, credits and tags. */
export async function indexReview(db: Db, reviewId: number): Promise<void> {
  const written = await indexReviews(db, [reviewId]);
  if (written === 0) await removeFromIndex(db, reviewId);
}

/**
 * Writes the search documents of many reviews at once (an import's batch) with a handful of
 * statements; returns how many of these reviews exist and were written.
 */
export async function indexReviews(db: Db, reviewIds: number[]): Promise<number> {
  const ids = [...new Set(reviewIds)];
  if (ids.length === 0) return 0;
  const reviews = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select([
      "reviews.id",
      "films.id as filmId",
      "films.title",
      "films.original_title",
      "reviews.body_md",
    ])
    .where("reviews.id", "in", ids)
    .execute();
  if (reviews.length === 0) return 0;
  const [credits, tags] = await Promise.all([
    // The names and characters only; read here so that search needs nothing from the domain.
    db.kysely
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select(["credits.film_id", "people.name", "credits.character"])
      .where("credits.film_id", "in", [...new Set(reviews.map((r) => r.filmId))])
      .orderBy("credits.role")
      .orderBy("credits.position")
      .execute(),
    // Read here rather than through domain/tags.ts, which calls indexReview itself.
    db.kysely
      .selectFrom("tags")
      .innerJoin("review_tags", "review_tags.tag_id", "tags.id")
      .select(["review_tags.review_id", "tags.name"])
      .where("review_tags.review_id", "in", ids)
      .orderBy("tags.name")
      .execute(),
  ]);
  const documents = reviews.map((review) => ({
    reviewId: review.id,
    document: buildSearchDocument({
      title: review.title,
      originalTitle: review.original_title,
      // Characters too: a reader may remember "Ben Sanderson" rather than the film's title.
      people: credits
        .filter((c) => c.film_id === review.filmId)
        .flatMap((c) => (c.character ? [c.name, c.character] : [c.name])),
      tags: tags.filter((t) => t.review_id === review.id).map((t) => t.name),
      bodyMarkdown: review.body_md,
    }),
  }));
  await writeIndex(db, documents);
  return documents.length;
}

/** Re-indexes every review of a film, for when its title or credits change. */
export async function reindexFilm(db: Db, filmId: number): Promise<number> {
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select("id")
    .where("film_id", "=", filmId)
    .execute();
  for (const { id } of reviews) await indexReview(db, id);
  return reviews.length;
}

/** Builds the whole index afresh; returns how many reviews it holds. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  const rebuild = async (tx: Db) => {
    await emptyIndex(tx);
    const reviews = await tx.kysely.selectFrom("reviews").select("id").orderBy("id").execute();
    // A hundred reviews a batch: their postings go in sorted, a page of the index after another.
    const ids = reviews.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 100) await indexReviews(tx, ids.slice(i, i + 100));
    return reviews.length;
  };
  // In one transaction, so that searches meanwhile see the old index rather than a partial one.
  if (db.kysely.isTransaction) return rebuild(db);
  return db.kysely.transaction().execute((kysely) => rebuild({ ...db, kysely }));
}
