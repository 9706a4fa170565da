// Directors A–Z: everyone credited as director on a film with a public review.
import type { Db } from "../../db/connect.ts";
import type { Page } from "../reviews.ts";
import { publishedReviews } from "../visibility.ts";
import { slicePage } from "./paged-reviews.ts";

const directorsPerPage = 200;

export interface DirectorEntry {
  slug: string;
  name: string;
  /** Distinct films reviewed: a rewatch does not count twice. */
  films: number;
  /** The heading this director files under: "A"–"Z", or "#" for anything else. */
  letter: string;
}

export interface DirectorIndex {
  page: Page<DirectorEntry>;
  /** Each letter that has directors, with the page its first director is on. */
  letters: Map<string, number>;
}

// Accents and case are ignored ("Émile" files with E), digits compare as numbers.
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Folds accents and case away: "Émile" -> "emile". */
function foldAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * The family name a director files under: the last word of the name. (A heuristic — "Wong
 * Kar-wai" files under K — but people are stored as one name, and this is what most
 * A–Z film indexes do.)
 */
export function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.at(-1) ?? name;
}

export function indexLetter(name: string): string {
  const first = foldAccents(familyName(name)).charAt(0);
  return /[a-z]/.test(first) ? first.toUpperCase() : "#";
}

/** A–Z by family name, then by full name, accent-insensitively. */
export function compareDirectors(a: { name: string }, b: { name: string }): number {
  const byLetter = letterOrder(indexLetter(a.name)) - letterOrder(indexLetter(b.name));
  if (byLetter !== 0) return byLetter;
  return (
    collator.compare(familyName(a.name), familyName(b.name)) ||
    collator.compare(a.name, b.name) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

// "#" (names that do not start with a letter) comes after Z, as in a printed index.
function letterOrder(letter: string): number {
  return letter === "#" ? 27 : letter.charCodeAt(0) - 64;
}

/** Every director with a public review, sorted; sorting happens here, not in SQL, because
 * accent-insensitive order by last word is not portable between SQLite and PostgreSQL. */
async function allDirectors(db: Db, now: string): Promise<DirectorEntry[]> {
  const rows = await publishedReviews(db, now)
    .innerJoin("credits", "credits.film_id", "reviews.film_id")
    .innerJoin("people", "people.id", "credits.person_id")
    .where("credits.role", "=", "director")
    .select((eb) => [
      "people.slug as slug",
      "people.name as name",
      eb.fn.count("reviews.film_id").distinct().as("films"),
    ])
    .groupBy(["people.id", "people.slug", "people.name"])
    .execute();
  return rows
    .map((r) => ({
      slug: r.slug,
      name: r.name,
      films: Number(r.films),
      letter: indexLetter(r.name),
    }))
    .sort(compareDirectors);
}

export async function directorIndex(
  db: Db,
  now: string,
  page: number,
  perPage = directorsPerPage,
): Promise<DirectorIndex> {
  const all = await allDirectors(db, now);
  const letters = new Map<string, number>();
  all.forEach((d, i) => {
    if (!letters.has(d.letter)) letters.set(d.letter, Math.floor(i / perPage) + 1);
  });
  return { page: slicePage(all, page, perPage), letters };
}
