// A site built for the index pages: reviews on both sides of month and year boundaries, more
// than ten in one month (so it has a page 2), directors whose order needs accent folding,
// ratings between the steps of the star scale, and private reviews that must never count.
import type { Db } from "../../src/db/connect.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview, type ReviewInput } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";

export const hostileDirector = `Evil <script>alert("d")</script>`;

export async function buildIndexSite(db: Db) {
  const author = await createUser(db, {
    email: "indexer@example.com",
    displayName: "Ida Indexer",
    role: "owner",
    password: null,
  });
  const film = (title: string, year: number | null, directors: string[]) =>
    createFilm(db, {
      title,
      year,
      credits: directors.map((name) => ({ role: "director" as const, name })),
    });
  const friday = await film("His Girl Friday", 1940, ["Howard Hawks"]);
  const rib = await film("Adam's Rib", 1949, ["George Cukor"]);
  const singin = await film("Singin' in the Rain", 1952, ["Stanley Donen", "Gene Kelly"]);
  const vegas = await film("Leaving Las Vegas", 1995, ["Mike Figgis"]);
  const amarcord = await film("Amarcord", 1973, ["Federico Fellini"]);
  const unforgiven = await film("Unforgiven", 1992, ["Clint Eastwood"]);
  const plume = await film("La Plume", 1999, ["Michel Écrivain"]);
  const fargo = await film("Fargo", 1996, ["Joel Coen", "Ethan Coen"]);
  const beau = await film("Beau Travail", 1999, ["Claire Denis"]);
  const cleo = await film("Cléo from 5 to 7", 1962, ["Agnès Varda"]);
  const hostile = await film("Hostile", 2001, [hostileDirector]);
  const homeMovie = await film("Home Movie", null, ["Ana Anon"]);
  const shop = await film("The Shop Around the Corner", 1940, ["Ernst Lubitsch"]);
  const future = await film("Future Film", 2020, ["Future Person"]);

  const review = (
    filmId: number,
    publishedAt: string,
    rating: number | null,
    extra: Partial<ReviewInput> = {},
  ) =>
    createReview(db, {
      authorId: author.id,
      filmId,
      status: "published",
      body: "An original review written for the index tests.",
      publishedAt,
      rating,
      ...extra,
    });

  // Public: fifteen reviews.
  await review(friday.id, "2025-12-31T23:59:59.999Z", 100, { tags: ["Screwball"] });
  await review(rib.id, "2026-01-01T00:00:00.000Z", 80, { tags: ["Screwball"] });
  await review(singin.id, "2026-02-28T12:00:00.000Z", null, { tags: ["Musical"] });
  // March 2026: eleven, from its first instant to its last.
  await review(vegas.id, "2026-03-01T00:00:00.000Z", 90, { tags: ["Neo-noir"] });
  await review(amarcord.id, "2026-03-02T10:00:00.000Z", 85, { tags: ["éclair"] });
  await review(unforgiven.id, "2026-03-03T10:00:00.000Z", 90, { tags: ["Neo-noir"] });
  await review(plume.id, "2026-03-04T10:00:00.000Z", null);
  await review(fargo.id, "2026-03-05T10:00:00.000Z", 70, { tags: ["Neo-noir", "Bleak"] });
  await review(beau.id, "2026-03-06T10:00:00.000Z", 60);
  await review(cleo.id, "2026-03-07T10:00:00.000Z", 50, { tags: ["éclair"] });
  await review(hostile.id, "2026-03-08T10:00:00.000Z", 40);
  await review(homeMovie.id, "2026-03-09T10:00:00.000Z", null);
  // Scheduled, but its time has come: public like any other.
  await review(vegas.id, "2026-03-10T10:00:00.000Z", 95, {
    status: "scheduled",
    slug: "vegas-rewatch",
    isRewatch: true,
  });
  await review(unforgiven.id, "2026-03-31T23:59:59.999Z", 90, {
    slug: "unforgiven-rewatch",
    isRewatch: true,
    tags: ["Zany"],
  });
  await review(amarcord.id, "2026-04-01T00:00:00.000Z", 0, {
    slug: "amarcord-rewatch",
    isRewatch: true,
  });

  // Never public: a draft (with a date in March), and reviews scheduled for 2099.
  await review(shop.id, "2026-03-15T10:00:00.000Z", 90, {
    status: "draft",
    slug: "shop-draft",
    tags: ["Secret"],
  });
  await review(future.id, "2099-01-01T00:00:00.000Z", 90, {
    status: "scheduled",
    slug: "future-film",
    tags: ["Future"],
  });
  await review(vegas.id, "2099-01-01T00:00:00.000Z", 30, {
    status: "scheduled",
    slug: "vegas-again",
  });
}

/** Directors in the order the index must show them: by family name, accents folded. */
export const directorsInOrder = [
  "Ana Anon",
  "Ethan Coen",
  "Joel Coen",
  "George Cukor",
  "Claire Denis",
  "Stanley Donen",
  "Clint Eastwood",
  "Michel Écrivain",
  "Federico Fellini",
  "Mike Figgis",
  "Howard Hawks",
  "Gene Kelly",
  "Agnès Varda",
  hostileDirector,
];
