// Loads the demo site: films with credits, original reviews with generated stills, and a
// series. Runs on the first start of an empty database and by `cinelog demo`.
import type { Db } from "../db/connect.ts";
import type { Film } from "../db/schema.ts";
import { starsToRating } from "../content/rating.ts";
import { createFilm, type CreditInput } from "../domain/films.ts";
import { createComment } from "../domain/comments.ts";
import { createReview } from "../domain/reviews.ts";
import { appendSeriesEntry, createSeries } from "../domain/series.ts";
import { saveSetting } from "../domain/settings.ts";
import { addStill, stillOf } from "../domain/stills.ts";
import { createUser } from "../domain/users.ts";
import { demoComments } from "./demo-comments.ts";
import { loadDemoViewings } from "./demo-viewings.ts";
import { demoFilms, demoSeries, type DemoFilm } from "./demo-content.ts";
import { demoReviews } from "./demo-reviews.ts";
import { renderStill } from "./still-art.ts";
import { processStill } from "../media/still-variants.ts";

const stillSize = { width: 1600, height: 900 };

interface DemoSummary {
  films: number;
  reviews: number;
  seriesEntries: number;
}

/** `onProgress`: told after each still is drawn, the slow part of loading (a few seconds). */
export async function loadDemo(
  db: Db,
  mediaDir: string,
  onProgress?: (p: { done: number; total: number }) => void,
): Promise<DemoSummary> {
  const stillCount = demoReviews.reduce((n, review) => n + review.stills.length, 0);
  let stillsDone = 0;
  await saveSetting(db, "siteTitle", "Losing Streaks");
  await saveSetting(
    db,
    "siteDescription",
    "A Cinelog demo: one viewer working through films about gamblers, grifters and long nights.",
  );
  const author = await createUser(db, {
    email: `demo-author-${Date.now()}@example.invalid`,
    displayName: "The Demo Reviewer",
    role: "author",
    password: null,
  });

  const films = new Map<string, Film>();
  for (const demo of demoFilms) films.set(demo.key, await createFilm(db, filmInput(demo)));

  const reviewIdByFilm = new Map<string, number>();
  const reviewBySlug = new Map<string, { id: number; publishedAt: string }>();
  for (const [index, demo] of demoReviews.entries()) {
    const film = films.get(demo.film);
    if (!film) throw new Error(`Demo review of unknown film ${demo.film}`);
    const review = await createReview(db, {
      filmId: film.id,
      authorId: author.id,
      slug: demo.slug,
      body: demo.body,
      rating: demo.rating == null ? null : starsToRating(demo.rating),
      watchedOn: demo.watchedOn,
      isRewatch: demo.isRewatch,
      hasSpoilers: demo.hasSpoilers,
      status: "published",
      publishedAt: demo.publishedAt,
      tags: demo.tags,
    });
    reviewIdByFilm.set(demo.film, review.id);
    reviewBySlug.set(demo.slug, { id: review.id, publishedAt: demo.publishedAt });
    for (const [n, still] of demo.stills.entries()) {
      const image = await renderStill({
        ...stillSize,
        palette: still.palette,
        motif: still.motif,
        seed: index * 10 + n + 1,
      });
      const processed = await processStill(image, mediaDir, "stills/demo", `${demo.slug}-${n + 1}`);
      await addStill(db, stillOf(review.id, processed, still));
      onProgress?.({ done: ++stillsDone, total: stillCount });
    }
  }

  const series = await createSeries(db, {
    title: demoSeries.title,
    description: demoSeries.description,
    slug: demoSeries.slug,
  });
  for (const key of demoSeries.films) {
    const film = films.get(key);
    if (!film) throw new Error(`Demo series names unknown film ${key}`);
    await appendSeriesEntry(db, series.id, film.id, reviewIdByFilm.get(key) ?? null);
  }
  // The diary behind the year in review, and a goal to pace it against.
  await loadDemoViewings(db, films);
  await saveSetting(db, "statsYearlyGoal", 60);
  const commentIds = new Map<string, number>();
  for (const demo of demoComments) {
    const review = reviewBySlug.get(demo.review);
    if (!review) throw new Error(`Demo comment on unknown review ${demo.review}`);
    const createdAt = new Date(Date.parse(review.publishedAt) + demo.hoursLater * 3_600_000);
    const comment = await createComment(db, {
      reviewId: review.id,
      parentId: demo.replyTo ? commentIds.get(demo.replyTo) : undefined,
      name: demo.byReviewer ? author.display_name : demo.name,
      email: demo.byReviewer ? author.email : `${demo.key}@readers.example.invalid`,
      url: demo.url,
      body: demo.body,
      status: "approved",
      createdAt: createdAt.toISOString(),
    });
    commentIds.set(demo.key, comment.id);
  }

  return {
    films: films.size,
    reviews: demoReviews.length,
    seriesEntries: demoSeries.films.length,
  };
}

function filmInput(demo: DemoFilm) {
  const credits: CreditInput[] = [
    ...demo.directors.map((name) => ({ role: "director" as const, name })),
    ...(demo.writers ?? []).map((name) => ({ role: "writer" as const, name })),
    ...(demo.cast ?? []).map((c) => ({
      role: "cast" as const,
      name: c.name,
      character: c.character,
    })),
    ...(demo.cinematography ?? []).map((name) => ({ role: "cinematography" as const, name })),
    ...(demo.music ?? []).map((name) => ({ role: "music" as const, name })),
  ];
  return {
    title: demo.title,
    originalTitle: demo.originalTitle ?? null,
    year: demo.year,
    runtimeMinutes: demo.runtimeMinutes ?? null,
    countries: demo.countries,
    imdbId: demo.imdbId ?? null,
    credits,
  };
}
