// Many new reviews written at once, for an import's batch: the same rows createReview
// (reviews.ts) writes one review at a time — the review, its tags, its search document and
// the change notice — in a few statements for the whole batch instead of about fifteen a
// review, which on PostgreSQL (a round trip each) is most of an import's time.
import type { Db } from "../db/connect.ts";
import type { Review } from "../db/schema.ts";
import { excerptFrom, renderReviewBody } from "../content/markdown.ts";
import { indexReviews } from "../search/indexer.ts";
import { recordChange, type ChangeTag } from "./changes.ts";
import { ReviewInputError, resolvePublishedAt, type ReviewInput } from "./reviews.ts";
import { ensureTags } from "./tags.ts";
import { nowIso } from "./time.ts";
import { uniqueSlugs } from "./unique-slug.ts";

/** Creates these reviews, in order; the caller holds the transaction. */
export async function createReviews(db: Db, inputs: ReviewInput[]): Promise<Review[]> {
  if (inputs.length === 0) return [];
  const time = nowIso();
  for (const input of inputs) {
    if (input.rating != null && !(input.rating >= 0 && input.rating <= 100)) {
      throw new ReviewInputError("A rating must be between 0 and 100.");
    }
  }
  const publishedAt = inputs.map((input) => resolvePublishedAt(input, time));
  const films = await filmNames(db, [...new Set(inputs.map((input) => input.filmId))]);
  const slugs = await uniqueSlugs(
    db,
    "reviews",
    inputs.map((input) => {
      const film = films.get(input.filmId);
      if (!film) throw new ReviewInputError(`No film with id ${input.filmId}.`);
      return input.slug ?? `${film.title} ${film.year ?? ""}`;
    }),
  );
  const bySlug = new Map<string, Review>();
  for (let i = 0; i < inputs.length; i += 50) {
    const rows = await db.kysely
      .insertInto("reviews")
      .values(
        inputs.slice(i, i + 50).map((input, n) => ({
          film_id: input.filmId,
          author_id: input.authorId,
          slug: slugs[i + n]!,
          body_md: input.body,
          body_html: renderReviewBody(input.body),
          excerpt: input.excerpt?.trim() || excerptFrom(input.body),
          rating: input.rating == null ? null : Math.round(input.rating),
          watched_on: input.watchedOn ?? null,
          is_rewatch: input.isRewatch ? 1 : 0,
          has_spoilers: input.hasSpoilers ? 1 : 0,
          status: input.status,
          published_at: publishedAt[i + n]!,
          created_at: time,
          updated_at: time,
        })),
      )
      .returningAll()
      .execute();
    for (const row of rows) bySlug.set(row.slug, row);
  }
  const reviews = slugs.map((slug) => bySlug.get(slug)!);
  await tagReviews(db, reviews, inputs);
  await indexReviews(
    db,
    reviews.map((review) => review.id),
  );
  // New public or scheduled reviews change every listing, and their own pages.
  const shown = reviews.filter((review) => review.status !== "draft");
  if (shown.length > 0) {
    const tags: ChangeTag[] = shown.map((review) => `review:${review.slug}` as const);
    await recordChange(db, [...tags, "lists", "public-set"]);
  }
  return reviews;
}

async function filmNames(
  db: Db,
  ids: number[],
): Promise<Map<number, { title: string; year: number | null }>> {
  const found = new Map<number, { title: string; year: number | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("films")
      .select(["id", "title", "year"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/** Each review's tags (blank and repeated names dropped), as setReviewTags gives them. */
async function tagReviews(db: Db, reviews: Review[], inputs: ReviewInput[]): Promise<void> {
  const names = inputs.map((input) => (input.tags ?? []).filter((name) => name.trim()));
  const tags = await ensureTags(db, names.flat());
  const rows = reviews.flatMap((review, i) =>
    [...new Set(names[i]!.map((name) => tags.get(name)!.id))].map((tagId) => ({
      review_id: review.id,
      tag_id: tagId,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db.kysely
      .insertInto("review_tags")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}
