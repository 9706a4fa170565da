// A small site whose every stats figure is known by hand: viewings from reviews and from the
// Letterboxd film log (one of them the same viewing as a review), a rewatch of each kind, a
// four-day streak, comments of every status, a draft and a far-future review that must never
// count, a film without a year, and a series part-way through. The answers are in the test.
import type { Db } from "../../src/db/connect.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview, type ReviewInput } from "../../src/domain/reviews.ts";
import { appendSeriesEntry, createSeries } from "../../src/domain/series.ts";
import { createUser } from "../../src/domain/users.ts";

export async function buildStatsSite(db: Db) {
  const author = await createUser(db, {
    email: "counter@example.com",
    displayName: "Cora Counter",
    role: "owner",
    password: null,
  });
  const film = (title: string, year: number | null, director: string, cast: string[] = []) =>
    createFilm(db, {
      title,
      year,
      credits: [
        { role: "director" as const, name: director },
        ...cast.map((name) => ({ role: "cast" as const, name })),
      ],
    });
  const alpha = await film("Alpha", 1995, "Dana Director", ["Cal Actor", "Bea Actor"]);
  const beta = await film("Beta", 1972, "Dana Director", ["Cal Actor"]);
  const gamma = await film("Gamma", 1948, "Eli Director", ["Bea Actor"]);
  const delta = await film("Delta", 1999, "Fay Director");
  const epsilon = await film("Epsilon", null, "Eli Director");
  const zeta = await film("Zeta", 2001, "Fay Director");

  const review = (filmId: number, slug: string, extra: Partial<ReviewInput>) =>
    createReview(db, {
      authorId: author.id,
      filmId,
      slug,
      status: "published",
      body: "word",
      ...extra,
    });
  const r1 = await review(alpha.id, "alpha", {
    publishedAt: "2025-03-03T10:00:00.000Z",
    watchedOn: "2025-03-01",
    rating: 90,
    body: "One two three four.",
  });
  const r2 = await review(beta.id, "beta", {
    publishedAt: "2025-03-05T10:00:00.000Z",
    watchedOn: "2025-03-02",
    rating: 70,
    body: "One two\n\nthree four five six.",
  });
  const r3 = await review(gamma.id, "gamma", {
    publishedAt: "2025-03-10T10:00:00.000Z",
    rating: 100,
    body: "One two three four five six seven eight.",
  });
  await review(alpha.id, "alpha-again", {
    publishedAt: "2025-07-05T10:00:00.000Z",
    watchedOn: "2025-07-04",
    rating: 85,
    isRewatch: true,
    body: "Two words.",
  });
  const r5 = await review(delta.id, "delta", {
    publishedAt: "2025-12-31T23:00:00.000Z",
    watchedOn: "2025-03-03",
    rating: null,
    body: "One two three four five\nsix seven eight nine ten.",
  });
  const r6 = await review(epsilon.id, "epsilon", {
    publishedAt: "2026-01-02T10:00:00.000Z",
    watchedOn: "2026-01-01",
    rating: 40,
    body: "One two three four five.",
  });
  // Never public: they must count nowhere.
  await review(zeta.id, "zeta-draft", { status: "draft", watchedOn: "2025-03-20", rating: 20 });
  await review(beta.id, "beta-future", {
    status: "scheduled",
    publishedAt: "2099-01-01T00:00:00.000Z",
    watchedOn: "2025-03-21",
    rating: 20,
  });

  const log = (filmId: number, watchedOn: string, rewatch: boolean, rating: number | null) =>
    db.kysely
      .insertInto("film_log")
      .values({
        film_id: filmId,
        kind: "diary",
        watched_on: watchedOn,
        logged_on: watchedOn,
        rating,
        rewatch: rewatch ? 1 : 0,
        source: "letterboxd",
        source_key: `${filmId}-${watchedOn}`,
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
  await log(zeta.id, "2025-03-04", false, 60);
  await log(alpha.id, "2025-03-01", false, 90); // the same viewing as review "alpha"
  await log(gamma.id, "2025-11-20", true, null);
  await log(beta.id, "2024-06-15", false, 50);
  // A rating without a viewing is no viewing.
  await db.kysely
    .insertInto("film_log")
    .values({
      film_id: delta.id,
      kind: "rating",
      rating: 10,
      source: "letterboxd",
      source_key: "delta-rating",
      created_at: "2026-01-01T00:00:00.000Z",
    })
    .execute();

  const comment = (reviewId: number, status: "approved" | "pending" | "spam") =>
    createComment(db, {
      reviewId,
      name: "Reader",
      email: "reader@example.com",
      body: "A comment for the counts.",
      status,
    });
  for (let i = 0; i < 3; i++) await comment(r3.id, "approved");
  await comment(r3.id, "pending");
  await comment(r1.id, "approved");
  await comment(r2.id, "spam");
  await comment(r2.id, "spam");

  const series = await createSeries(db, { title: "Counted Series" });
  await appendSeriesEntry(db, series.id, alpha.id, r1.id);
  await appendSeriesEntry(db, series.id, beta.id, r2.id);
  await appendSeriesEntry(db, series.id, gamma.id);
  await appendSeriesEntry(db, series.id, delta.id, r5.id);
  await appendSeriesEntry(db, series.id, epsilon.id, r6.id);
  return { author, alpha };
}
