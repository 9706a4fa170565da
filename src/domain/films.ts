// Films are records, not strings: title, year, credits and external ids.
import type { Db } from "../db/connect.ts";
import type { CreditRole, Film, Person } from "../db/schema.ts";
import { reindexFilm } from "../search/indexer.ts";
import { recordChange } from "./changes.ts";
import { ensurePerson } from "./people.ts";
import { nowIso } from "./time.ts";
import { uniqueSlug } from "./unique-slug.ts";

export interface CreditInput {
  role: CreditRole;
  name: string;
  character?: string | null;
}

export interface FilmInput {
  title: string;
  originalTitle?: string | null;
  year?: number | null;
  runtimeMinutes?: number | null;
  countries?: string[];
  imdbId?: string | null;
  tmdbId?: string | null;
  wikidataId?: string | null;
  letterboxdSlug?: string | null;
  credits?: CreditInput[];
}

export async function createFilm(db: Db, input: FilmInput): Promise<Film> {
  const title = input.title.trim();
  if (!title) throw new Error("A film needs a title.");
  const time = nowIso();
  const slug = await uniqueSlug(db, "films", input.year ? `${title} ${input.year}` : title);
  const film = await db.kysely
    .insertInto("films")
    .values({
      slug,
      title,
      original_title: input.originalTitle?.trim() || null,
      year: input.year ?? null,
      runtime_minutes: input.runtimeMinutes ?? null,
      countries: (input.countries ?? []).map((c) => c.trim().toUpperCase()).join(","),
      imdb_id: input.imdbId ?? null,
      tmdb_id: input.tmdbId ?? null,
      wikidata_id: input.wikidataId ?? null,
      letterboxd_slug: input.letterboxdSlug ?? null,
      created_at: time,
      updated_at: time,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addCredits(db, film.id, input.credits ?? []);
  return film;
}

export async function addCredits(db: Db, filmId: number, credits: CreditInput[]): Promise<void> {
  const positions = new Map<CreditRole, number>();
  for (const credit of credits) {
    const person = await ensurePerson(db, credit.name);
    const position = positions.get(credit.role) ?? 0;
    positions.set(credit.role, position + 1);
    await db.kysely
      .insertInto("credits")
      .values({
        film_id: filmId,
        person_id: person.id,
        role: credit.role,
        character: credit.character ?? null,
        position,
      })
      .execute();
  }
  // Credits show on every listing and review page of the film; a new film has none yet.
  if (credits.length && (await hasReviews(db, filmId))) {
    await reindexFilm(db, filmId);
    await recordChange(db, ["public-set"]);
  }
}

async function hasReviews(db: Db, filmId: number): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("reviews")
    .select("id")
    .where("film_id", "=", filmId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function filmBySlug(db: Db, slug: string): Promise<Film | undefined> {
  return db.kysely.selectFrom("films").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function filmById(db: Db, id: number): Promise<Film | undefined> {
  return db.kysely.selectFrom("films").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface FilmCredit {
  role: CreditRole;
  character: string | null;
  person: Pick<Person, "id" | "slug" | "name">;
}

export async function filmCredits(db: Db, filmId: number): Promise<FilmCredit[]> {
  const rows = await db.kysely
    .selectFrom("credits")
    .innerJoin("people", "people.id", "credits.person_id")
    .select(["credits.role", "credits.character", "people.id", "people.slug", "people.name"])
    .where("credits.film_id", "=", filmId)
    .orderBy("credits.role")
    .orderBy("credits.position")
    .execute();
  return rows.map((r) => ({
    role: r.role,
    character: r.character,
    person: { id: r.id, slug: r.slug, name: r.name },
  }));
}

/** Directors of many films at once, in billing order, for listings. */
export async function directorsOf(
  db: Db,
  filmIds: number[],
): Promise<Map<number, Pick<Person, "slug" | "name">[]>> {
  const result = new Map<number, Pick<Person, "slug" | "name">[]>();
  if (filmIds.length === 0) return result;
  const rows = await db.kysely
    .selectFrom("credits")
    .innerJoin("people", "people.id", "credits.person_id")
    .select(["credits.film_id", "people.slug", "people.name"])
    .where("credits.role", "=", "director")
    .where("credits.film_id", "in", filmIds)
    .orderBy("credits.position")
    .execute();
  for (const r of rows) {
    const list = result.get(r.film_id) ?? [];
    list.push({ slug: r.slug, name: r.name });
    result.set(r.film_id, list);
  }
  return result;
}

/** "Title (Year)", the way a film is named everywhere on the site. */
export function filmLabel(film: { title: string; year: number | null }): string {
  return film.year ? `${film.title} (${film.year})` : film.title;
}
