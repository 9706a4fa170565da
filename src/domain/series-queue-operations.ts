// The steps of the series editor's operations, as the admin's handlers call them: creating a
// series at the address asked for, adding a film on record or a new one to a queue (refused
// when it is already there or already on record), finding films to add with their place in
// the queue, finding one entry with its place, and everything the queue page shows in one read.
// The handlers parse the form, check the
// role and render; what is allowed and in which order things happen is decided here, so it
// is the same for every caller and tested without HTTP.
import type { Db } from "../db/connect.ts";
import type { Film, Series } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { filmChoices, type FilmChoice } from "./admin-overview.ts";
import { createFilm, filmById } from "./films.ts";
import {
  entryOfFilm,
  filmOnRecord,
  seriesQueue,
  seriesSlugTaken,
  type QueueItem,
  type SeriesQueue,
} from "./series-editing.ts";
import { appendSeriesEntry, createSeries } from "./series.ts";
import { nowIso } from "./time.ts";

type FilmRef = Pick<Film, "id" | "title" | "year">;

type CreateSeriesResult = { ok: true; series: Series } | { ok: false; reason: "slug-taken" };

/**
 * Creates a series. A slug asked for must be free: it is checked first, and again when the
 * insert fails (someone took the address between the check and the insert). Without a slug,
 * one is made from the title.
 */
export async function createSeriesAtAddress(
  db: Db,
  input: { title: string; slug: string | undefined; description: string },
): Promise<CreateSeriesResult> {
  const { title, slug, description } = input;
  if (slug && (await seriesSlugTaken(db, slug))) return { ok: false, reason: "slug-taken" };
  try {
    return {
      ok: true,
      series: await createSeries(db, { title, description, ...(slug ? { slug } : {}) }),
    };
  } catch (error) {
    if (slug && (await seriesSlugTaken(db, slug))) return { ok: false, reason: "slug-taken" };
    throw error;
  }
}

export type AddToQueueResult =
  | { ok: true; entryId: number }
  /** The film chosen is no longer on record. */
  | { ok: false; reason: "no-film" }
  /** The film is in the queue already, as `number`. */
  | { ok: false; reason: "in-queue"; film: FilmRef; number: number }
  /** A new film's title and year are those of a film on record: add that one instead. */
  | { ok: false; reason: "on-record"; film: FilmRef };

/** Adds a film on record to the end of a series' queue, once. */
export async function addFilmOnRecordToQueue(
  db: Db,
  seriesId: number,
  filmId: number,
): Promise<AddToQueueResult> {
  const film = await filmById(db, filmId);
  if (!film) return { ok: false, reason: "no-film" };
  const existing = await entryOfFilm(db, seriesId, film.id);
  if (existing) return { ok: false, reason: "in-queue", film, number: existing.number };
  return { ok: true, entryId: await appendSeriesEntry(db, seriesId, film.id) };
}

/**
 * Records a new film with its directors and adds it to the end of a series' queue, in one
 * transaction; refused when a film with this title (in any case) and year is on record.
 */
export async function addNewFilmToQueue(
  db: Db,
  seriesId: number,
  film: { title: string; year: number | null; directors: string[] },
): Promise<AddToQueueResult> {
  const known = await filmOnRecord(db, film.title, film.year);
  if (known) return { ok: false, reason: "on-record", film: known };
  const entryId = await inTransaction(db, async (trx) => {
    const created = await createFilm(trx, {
      title: film.title,
      year: film.year,
      credits: film.directors.map((name) => ({ role: "director" as const, name })),
    });
    return appendSeriesEntry(trx, seriesId, created.id);
  });
  return { ok: true, entryId };
}

interface QueueFilmChoice extends FilmChoice {
  /** Its number in the queue, when it is already in it. */
  inQueue?: number;
}

/** Films on record matching a search (at most 20), each with its number if already queued. */
export async function filmsToQueue(
  db: Db,
  queue: Pick<SeriesQueue, "items">,
  search: string,
): Promise<QueueFilmChoice[]> {
  const numbers = new Map(queue.items.map((item, i) => [item.filmId, i + 1]));
  return (await filmChoices(db, search, 20)).map((film) => {
    const inQueue = numbers.get(film.id);
    return inQueue ? { ...film, inQueue } : film;
  });
}

/** One entry of a queue with its number (counting from 1), if it is in the queue. */
export function queueEntry(
  queue: Pick<SeriesQueue, "items">,
  entryId: number,
): { item: QueueItem; number: number } | undefined {
  const index = queue.items.findIndex((i) => i.entryId === entryId);
  return index < 0 ? undefined : { item: queue.items[index]!, number: index + 1 };
}

/**
 * What the queue editor of `series` shows: its queue, the films a search finds (undefined
 * without a search), and the film a removal took out (`removedFilmId`, as the redirect after
 * it carries it), for the notice that names it.
 */
export async function queueEditorReads(
  db: Db,
  series: Series,
  page: { search: string; removedFilmId?: string | undefined },
  now = nowIso(),
): Promise<{
  queue: SeriesQueue;
  results: QueueFilmChoice[] | undefined;
  removedFilm: Film | undefined;
}> {
  const queue = await seriesQueue(db, series, now);
  const removedId = page.removedFilmId;
  return {
    queue,
    results: page.search ? await filmsToQueue(db, queue, page.search) : undefined,
    removedFilm:
      removedId && /^\d{1,12}$/.test(removedId) ? await filmById(db, Number(removedId)) : undefined,
  };
}
