// Films as the export describes them for Cinelog (cinelog-meta-format.ts): the record and
// its credits, loaded for a batch of films at once.
import type { Db } from "../../db/connect.ts";
import type { Film } from "../../db/schema.ts";
import type { FilmMeta } from "../../importers/wordpress/cinelog-meta-format.ts";

export async function filmRecords(db: Db, filmIds: number[]): Promise<Map<number, FilmMeta>> {
  const ids = [...new Set(filmIds)];
  const records = new Map<number, FilmMeta>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const films = await db.kysely
      .selectFrom("films")
      .selectAll()
      .where("id", "in", chunk)
      .execute();
    const credits = await db.kysely
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select(["credits.film_id", "credits.role", "credits.character", "people.name"])
      .where("credits.film_id", "in", chunk)
      .orderBy("credits.film_id")
      .orderBy("credits.role")
      .orderBy("credits.position")
      .execute();
    for (const film of films) records.set(film.id, { ...recordOf(film), credits: [] });
    for (const c of credits) {
      records.get(c.film_id)?.credits.push({ role: c.role, name: c.name, character: c.character });
    }
  }
  return records;
}

function recordOf(film: Film): Omit<FilmMeta, "credits"> {
  return {
    title: film.title,
    year: film.year,
    originalTitle: film.original_title,
    runtimeMinutes: film.runtime_minutes,
    countries: film.countries ? film.countries.split(",") : [],
    imdbId: film.imdb_id,
    tmdbId: film.tmdb_id,
    wikidataId: film.wikidata_id,
    letterboxdSlug: film.letterboxd_slug,
  };
}

/** "A", "A and B", "A, B and C": the way the "Directed by" line names them. */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}
