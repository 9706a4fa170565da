// Reads back what a Cinelog WXR export adds for Cinelog (cinelog-meta-format.ts), so that
// Cinelog → WXR → Cinelog keeps reviews, films, series and comments as they were: the
// review's Markdown and fields, the film as a record, and each series with its order and
// its entries not yet reviewed. An export from WordPress has none of it and is read the
// usual way ("Title (Year)", "Directed by", "Up Next").
import type { Db } from "../../db/connect.ts";
import type { CreditRole } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { recordChange } from "../../domain/changes.ts";
import { addCredits } from "../../domain/films.ts";
import { importedId, importedIds, recordImported } from "../../domain/import-items.ts";
import { createSeries, lockSeries } from "../../domain/series.ts";
import { FilmCatalogue } from "../film-catalogue.ts";
import type { ImportSummary } from "../import-summary.ts";
import {
  parseMeta,
  plainPostMetaKey,
  reviewMetaKey,
  reviewMetaSchema,
  seriesMetaKey,
  seriesMetaSchema,
  type FilmMeta,
  type SeriesMeta,
} from "./cinelog-meta-format.ts";
import type { ReviewPost } from "./review-post.ts";
import type { WxrItem } from "./wxr-types.ts";

function directorsOf(film: FilmMeta): string[] {
  return film.credits.filter((c) => c.role === "director").map((c) => c.name);
}

export class CinelogMeta {
  /** Films as the export describes them, by title and year: filled in at the end. */
  readonly #films = new Map<string, FilmMeta>();
  readonly #series: SeriesMeta[] = [];

  /** A series page of a Cinelog export: noted (not imported as a page). True if it was one. */
  noteSeries(item: WxrItem): boolean {
    if (!(seriesMetaKey in item.meta)) return false;
    const series = parseMeta(seriesMetaSchema, item.meta[seriesMetaKey]);
    if (series) {
      this.#series.push(series);
      for (const entry of series.entries) this.#noteFilm(entry.film);
    }
    return true;
  }

  /**
   * The review a post holds: as the export's Cinelog meta says, when it has some (its own
   * Markdown, film, fields and Up Next list; its series come whole from the series pages, so
   * neither the list nor the Up Next line rebuilds them); none, for a post it marks as not a
   * review; otherwise as read from the post.
   */
  review(item: WxrItem, parsed: ReviewPost | undefined): ReviewPost | undefined {
    if (plainPostMetaKey in item.meta) return undefined;
    const meta = parseMeta(reviewMetaSchema, item.meta[reviewMetaKey]);
    if (!meta) return parsed;
    this.#noteFilm(meta.film);
    for (const film of meta.upNext) this.#noteFilm(film);
    return {
      film: { title: meta.film.title, year: meta.film.year },
      directors: directorsOf(meta.film),
      // Its other credits are filled in at the end, with the film (completeFilm).
      writers: [],
      upNext: meta.upNext.map((film) => ({ title: film.title, year: film.year })),
      rebuildsSeries: false,
      body: meta.markdown,
      extra: {
        rating: meta.rating,
        watchedOn: meta.watchedOn,
        isRewatch: meta.isRewatch,
        hasSpoilers: meta.hasSpoilers,
      },
    };
  }

  #noteFilm(film: FilmMeta): void {
    this.#films.set(`${film.title.toLowerCase()}|${film.year ?? ""}`, film);
  }

  /** Fills in the films' details and credits, then adds the series not imported before. */
  async finish(db: Db, source: string, summary: ImportSummary): Promise<void> {
    if (this.#films.size === 0 && this.#series.length === 0) return;
    const catalogue = new FilmCatalogue(db);
    const filmIds = new Map<string, number>();
    for (const [key, film] of this.#films) {
      const id = await catalogue.ensure(film, directorsOf(film), db);
      await completeFilm(db, id, film);
      filmIds.set(key, id);
    }
    if (catalogue.created > 0) summary.count("films added from series", catalogue.created);
    for (const series of this.#series) {
      if ((await importedId(db, source, "series", series.slug)) !== undefined) {
        summary.count("series already imported");
        continue;
      }
      const reviewIds = await importedIds(
        db,
        source,
        "review",
        series.entries.flatMap((e) => (e.review ? [e.review] : [])),
      );
      await inTransaction(db, async (trx) => {
        const created = await createSeries(trx, {
          title: series.title,
          description: series.description,
          ...(series.slug ? { slug: series.slug } : {}),
        });
        await lockSeries(trx, created.id);
        const rows = series.entries.map((entry, position) => ({
          series_id: created.id,
          film_id: filmIds.get(`${entry.film.title.toLowerCase()}|${entry.film.year ?? ""}`)!,
          position,
          review_id: entry.review ? (reviewIds.get(entry.review) ?? null) : null,
        }));
        for (let i = 0; i < rows.length; i += 200) {
          await trx.kysely
            .insertInto("series_entries")
            .values(rows.slice(i, i + 200))
            .execute();
        }
        await recordImported(trx, source, "series", [
          { externalId: series.slug, localId: created.id },
        ]);
        await recordChange(trx, ["series"]);
      });
      summary.count("series");
      summary.count("series entries", series.entries.length);
    }
  }
}

/** Sets the details the film lacks, and the credits of roles it has none of. */
async function completeFilm(db: Db, filmId: number, film: FilmMeta): Promise<void> {
  const row = await db.kysely
    .selectFrom("films")
    .selectAll()
    .where("id", "=", filmId)
    .executeTakeFirstOrThrow();
  const update = {
    ...(row.original_title == null && film.originalTitle
      ? { original_title: film.originalTitle }
      : {}),
    ...(row.runtime_minutes == null && film.runtimeMinutes != null
      ? { runtime_minutes: film.runtimeMinutes }
      : {}),
    ...(!row.countries && film.countries.length > 0 ? { countries: film.countries.join(",") } : {}),
    ...(row.imdb_id == null && film.imdbId ? { imdb_id: film.imdbId } : {}),
    ...(row.tmdb_id == null && film.tmdbId ? { tmdb_id: film.tmdbId } : {}),
    ...(row.wikidata_id == null && film.wikidataId ? { wikidata_id: film.wikidataId } : {}),
    ...(row.letterboxd_slug == null && film.letterboxdSlug
      ? { letterboxd_slug: film.letterboxdSlug }
      : {}),
  };
  if (Object.keys(update).length > 0) {
    await db.kysely.updateTable("films").set(update).where("id", "=", filmId).execute();
  }
  const roles = await db.kysely
    .selectFrom("credits")
    .select("role")
    .distinct()
    .where("film_id", "=", filmId)
    .execute();
  const has = new Set<CreditRole>(roles.map((r) => r.role));
  const missing = film.credits.filter((c) => !has.has(c.role));
  if (missing.length > 0) await addCredits(db, filmId, missing);
}
