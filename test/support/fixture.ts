// A small, fully known site for domain and page tests.
import type { Db } from "../../src/db/connect.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { appendSeriesEntry, createSeries } from "../../src/domain/series.ts";
import { addStill } from "../../src/domain/stills.ts";
import { createUser } from "../../src/domain/users.ts";

export const hostileTitle = `<script>alert(1)</script> & "Co"`;

export async function buildFixture(db: Db) {
  const author = await createUser(db, {
    email: "critic@example.com",
    displayName: "Ada Critic",
    role: "owner",
    password: "correct horse battery",
  });
  const vegas = await createFilm(db, {
    title: "Leaving Las Vegas",
    year: 1995,
    runtimeMinutes: 111,
    countries: ["US"],
    imdbId: "tt0113627",
    credits: [
      { role: "director", name: "Mike Figgis" },
      { role: "writer", name: "Mike Figgis" },
      { role: "cast", name: "Nicolas Cage", character: "Ben Sanderson" },
      { role: "cast", name: "Elisabeth Shue", character: "Sera" },
    ],
  });
  const bob = await createFilm(db, {
    title: "Bob le Flambeur",
    originalTitle: "Bob le flambeur",
    year: 1956,
    countries: ["FR"],
    credits: [{ role: "director", name: "Jean-Pierre Melville" }],
  });
  const friday = await createFilm(db, {
    title: "His Girl Friday",
    year: 1940,
    credits: [{ role: "director", name: "Howard Hawks" }],
  });
  const games = await createFilm(db, {
    title: "House of Games",
    year: 1987,
    credits: [{ role: "director", name: "David Mamet" }],
  });
  const singin = await createFilm(db, {
    title: "Singin' in the Rain",
    year: 1952,
    credits: [
      { role: "director", name: "Stanley Donen" },
      { role: "director", name: "Gene Kelly" },
      { role: "cast", name: "Gene Kelly", character: "Don Lockwood" },
    ],
  });
  const hostile = await createFilm(db, {
    title: hostileTitle,
    year: 2001,
    credits: [{ role: "director", name: `<img src=x onerror=alert(2)>` }],
  });
  const amelie = await createFilm(db, {
    title: "Amélie",
    originalTitle: "Le Fabuleux Destin d'Amélie Poulain",
    year: 2001,
    credits: [{ role: "director", name: "Jean-Pierre Jeunet" }],
  });

  const base = { authorId: author.id, status: "published" as const };
  const vegasReview = await createReview(db, {
    ...base,
    filmId: vegas.id,
    body: "## A last weekend\n\nA *slow* and generous film about a man who has decided.\n\n<script>alert('body')</script>",
    rating: 90,
    watchedOn: "2026-01-10",
    publishedAt: "2026-01-12T20:00:00.000Z",
    tags: ["Neo-noir", "Las Vegas"],
  });
  await addStill(db, {
    reviewId: vegasReview.id,
    path: "stills/vegas.jpg",
    width: 1600,
    height: 900,
    alt: "Neon over a desert road",
    caption: "The Strip at dusk",
  });
  const bobReview = await createReview(db, {
    ...base,
    filmId: bob.id,
    body: "Melville's gambler walks Montmartre at dawn.",
    rating: 80,
    publishedAt: "2026-02-01T20:00:00.000Z",
    tags: ["Neo-noir"],
  });
  const singinReview = await createReview(db, {
    ...base,
    filmId: singin.id,
    body: "Two directors, one umbrella.",
    publishedAt: "2026-03-01T20:00:00.000Z",
  });
  const bobRewatch = await createReview(db, {
    ...base,
    filmId: bob.id,
    slug: "bob-le-flambeur-rewatch",
    body: "Second time round, the heist matters even less.",
    isRewatch: true,
    publishedAt: "2026-04-01T20:00:00.000Z",
  });
  const hostileReview = await createReview(db, {
    ...base,
    filmId: hostile.id,
    body: "Escaping matters.",
    publishedAt: "2026-04-02T20:00:00.000Z",
  });
  const draft = await createReview(db, {
    ...base,
    filmId: games.id,
    status: "draft",
    slug: "house-of-games-draft",
    body: "Not ready yet.",
  });
  const future = await createReview(db, {
    ...base,
    filmId: amelie.id,
    status: "scheduled",
    slug: "amelie-later",
    body: "Comes out next year.",
    publishedAt: "2099-01-01T00:00:00.000Z",
  });

  const series = await createSeries(db, { title: "Gamblers & Grifters", description: "My list." });
  await appendSeriesEntry(db, series.id, singin.id, singinReview.id);
  await appendSeriesEntry(db, series.id, vegas.id, vegasReview.id);
  await appendSeriesEntry(db, series.id, bob.id, bobReview.id);
  await appendSeriesEntry(db, series.id, friday.id);
  await appendSeriesEntry(db, series.id, games.id, draft.id);
  await appendSeriesEntry(db, series.id, amelie.id);

  return {
    author,
    films: { vegas, bob, friday, games, singin, hostile, amelie },
    reviews: { vegasReview, bobReview, singinReview, bobRewatch, hostileReview, draft, future },
    series,
  };
}
