// Films are records, not strings: title, year, credits and external ids.
import type { Db } from "../db/connect.ts";
import type { CreditRole, Film, Person } from "../db/schema.ts";
import { reindexFilm } from "../search/indexer.ts";
import { recordChange } from "./changes.ts";
import { ensurePeople } from "./people.ts";
import { nowIso } from "./time.ts";
import { uniqueSlugs } from "./unique-slug.ts";

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
  const [film] = await createFilms(db, [input]);
  return film!;
}

/** Many films at once (an import's batch), in order, with their credits: a few statements in all. */
export async function createFilms(db: Db, inputs: FilmInput[]): Promise<Film[]> {
  if (inputs.length === 0) return [];
  const titles = inputs.map((input) => input.title.trim());
  if (titles.some((title) => !title)) throw new Error("A film needs a title.");
  const time = nowIso();
  const slugs = await uniqueSlugs(
    db,
    "films",
    inputs.map((input, i) => (input.year ? `${titles[i]} ${input.year}` : titles[i]!)),
  );
  const bySlug = new Map<string, Film>();
  for (let i = 0; i < inputs.length; i += 100) {
    const rows = await db.kysely
      .insertInto("films")
      .values(
        inputs.slice(i, i + 100).map((input, n) => ({
          slug: slugs[i + n]!,
          title: titles[i + n]!,
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
        })),
      )
      .returningAll()
      .execute();
    for (const row of rows) bySlug.set(row.slug, row);
  }
  const films = slugs.map((slug) => bySlug.get(slug)!);
  await addCreditsToFilms(
    db,
    films.map((film, i) => ({ filmId: film.id, credits: inputs[i]!.credits ?? [] })),
  );
  return films;
}

export async function addCredits(db: Db, filmId: number, credits: CreditInput[]): Promise<void> {
  await addCreditsToFilms(db, [{ filmId, credits }]);
}

/** Credits for many films at once, each film's numbered from 0 within a role. */
export async function addCreditsToFilms(
  db: Db,
  entries: { filmId: number; credits: CreditInput[] }[],
): Promise<void> {
  const withCredits = entries.filter((entry) => entry.credits.length > 0);
  if (withCredits.length === 0) return;
  const people = await ensurePeople(
    db,
    withCredits.flatMap((entry) => entry.credits.map((credit) => credit.name)),
  );
  const rows = withCredits.flatMap(({ filmId, credits }) => {
    const positions = new Map<CreditRole, number>();
    return credits.map((credit) => {
      const position = positions.get(credit.role) ?? 0;
      positions.set(credit.role, position + 1);
      return {
        film_id: filmId,
        person_id: people.get(credit.name.trim().replace(/\s+/g, " "))!.id,
        role: credit.role,
        character: credit.character ?? null,
        position,
      };
    });
  });
  for (let i = 0; i < rows.length; i += 200) {
    await db.kysely
      .insertInto("credits")
      .values(rows.slice(i, i + 200))
      .execute();
  }
  // Credits show on every listing and review page of the film; a new film has none yet.
  const reviewed = await filmsWithReviews(db, [...new Set(withCredits.map((e) => e.filmId))]);
  for (const filmId of reviewed) await reindexFilm(db, filmId);
  if (reviewed.length > 0) await recordChange(db, ["public-set"]);
}

async function filmsWithReviews(db: Db, filmIds: number[]): Promise<number[]> {
  const found = new Set<number>();
  for (let i = 0; i < filmIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("reviews")
      .select("film_id")
      .where("film_id", "in", filmIds.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.film_id);
  }
  return filmIds.filter((id) => found.has(id));
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
