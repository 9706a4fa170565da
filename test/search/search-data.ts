// Sites for the search tests, built through the domain so that indexing happens as in use.
import type { Db } from "../../src/db/connect.ts";
import { createFilm, type FilmInput } from "../../src/domain/films.ts";
import { createReview, type ReviewInput } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";

// Twenty-four plain words, none of them a word any test searches for.
const filler =
  "a patient story of ordinary people in a small coastal town told with warmth by someone who trusts the audience to notice everything quietly".split(
    " ",
  );

/** A body of exactly 24 words, `word` among them `times` times, so lengths never decide. */
export function body24(word = "", times = 0): string {
  const words = filler.slice(0, 24 - times);
  for (let i = 0; i < times; i++) words.splice(3 + i * 6, 0, word);
  return words.join(" ") + ".";
}

let clock = Date.parse("2025-01-01T12:00:00.000Z");
/** Each review a day after the previous one, so "newest first" is never a tie. */
export function nextDay(): string {
  clock += 24 * 60 * 60 * 1000;
  return new Date(clock).toISOString();
}

export async function makeAuthor(db: Db) {
  return createUser(db, {
    email: `search-${Math.random().toString(36).slice(2)}@example.com`,
    displayName: "Sam Searcher",
    role: "owner",
    password: null,
  });
}

export type Publish = (
  film: FilmInput,
  review?: Partial<Omit<ReviewInput, "filmId" | "authorId">>,
) => Promise<Awaited<ReturnType<typeof createReview>>>;

/** Creates a film and a published review of it in one step. */
export function publisher(db: Db, authorId: number): Publish {
  return async (film, review = {}) => {
    const created = await createFilm(db, film);
    return createReview(db, {
      filmId: created.id,
      authorId,
      status: "published",
      body: body24(),
      publishedAt: nextDay(),
      tags: ["Drama"],
      ...review,
    });
  };
}

/**
 * Five films that match "zephyr" once each in a different place, plus eight that do not.
 * Every column has about the same length in every document (two-word titles and names, one
 * tag, 24-word bodies), so a review's length does not decide: title, then people, then tag,
 * then three body matches, then one.
 * They are published best-last, so that ordering by date alone would give the reverse.
 */
export async function buildRankingSite(db: Db) {
  const publish = publisher(db, (await makeAuthor(db)).id);
  const director = (name: string) => [{ role: "director" as const, name }];
  const title = await publish({ title: "Zephyr", year: 1990, credits: director("Paul Amsel") });
  const person = await publish({
    title: "Harbour Lights",
    year: 1991,
    credits: director("Ida Zephyr"),
  });
  const tag = await publish(
    { title: "Night Ferry", year: 1992, credits: director("Carl Brandt") },
    { tags: ["Zephyr"] },
  );
  const bodyThrice = await publish(
    { title: "Cold Water", year: 1993, credits: director("Lena Voss") },
    { body: body24("zephyr", 3) },
  );
  const bodyOnce = await publish(
    { title: "Long Shadows", year: 1994, credits: director("Otto Reyes") },
    { body: body24("zephyr", 1) },
  );
  const others = [
    "Red Door",
    "Blue Road",
    "Grey Sea",
    "Iron Bell",
    "Salt Marsh",
    "Tin Roof",
    "Oak Hall",
    "Elm Lane",
  ];
  for (const [i, t] of others.entries()) {
    await publish({ title: t, year: 2000 + i, credits: director(`Ann Filler${i}`) });
  }
  const expected = [title, person, tag, bodyThrice, bodyOnce].map((r) => r.slug);
  return { expected, title, person, tag, bodyThrice, bodyOnce };
}
