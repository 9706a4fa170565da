// The paths each load scenario requests, chosen from the site bench/generate.ts made: shared by
// bench/run.ts (load over HTTP) and bench/ab.ts (two builds side by side, in-process).
import type { Db } from "../src/db/connect.ts";
import { benchSearchTerms } from "./sample-review-text.ts";

/** The paths each scenario requests, chosen from the generated site. */
export async function scenarioPaths(db: Db): Promise<Record<string, string[]>> {
  const reviews = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select(["reviews.id", "reviews.slug", "films.id as filmId", "films.year"])
    .where("status", "=", "published")
    .orderBy("reviews.id")
    .execute();
  if (reviews.length < 3) throw new Error("No reviews: run `npx tsx bench/generate.ts` first.");
  const middle = reviews[Math.floor(reviews.length / 2)]!;
  const commentCount = async (reviewId: number) =>
    Number(
      (
        await db.kysely
          .selectFrom("comments")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("review_id", "=", reviewId)
          .where("status", "=", "approved")
          .executeTakeFirstOrThrow()
      ).n,
    );
  // generate.ts gives the first review no comments and the second 200.
  const [none, many] = reviews;
  console.log(
    `review: ${none!.slug} (${await commentCount(none!.id)} comments); review200: ${many!.slug} (${await commentCount(many!.id)} comments)`,
  );
  const tag = await db.kysely
    .selectFrom("tags")
    .innerJoin("review_tags", "review_tags.tag_id", "tags.id")
    .select(["tags.slug", (eb) => eb.fn.countAll().as("n")])
    .groupBy("tags.slug")
    .orderBy("n", "desc")
    .orderBy("tags.slug")
    .executeTakeFirstOrThrow();
  const director = await db.kysely
    .selectFrom("credits")
    .innerJoin("people", "people.id", "credits.person_id")
    .select("people.slug")
    .where("credits.film_id", "=", middle.filmId)
    .where("credits.role", "=", "director")
    .executeTakeFirstOrThrow();
  return {
    home: ["/"],
    review: [`/review/${none!.slug}`],
    review200: [`/review/${many!.slug}`],
    feed: ["/feed.xml"],
    search: benchSearchTerms.map((q) => `/search?q=${encodeURIComponent(q)}`),
    tag: [`/tag/${tag.slug}`],
    year: [`/years/${middle.year}`],
    director: [`/person/${director.slug}`],
  };
}
