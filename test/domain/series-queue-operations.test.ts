// The series editor's operations without HTTP, on both databases: creating a series at the
// address asked for, adding films on record or new ones to a queue (once), the films offered
// with their place in the queue, finding one entry with its place, and what the queue page reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { entryOrder, seriesQueue } from "../../src/domain/series-editing.ts";
import {
  addFilmOnRecordToQueue,
  addNewFilmToQueue,
  createSeriesAtAddress,
  filmsToQueue,
  queueEditorReads,
  queueEntry,
} from "../../src/domain/series-queue-operations.ts";
import { createSeries } from "../../src/domain/series.ts";
import { nowIso } from "../../src/domain/time.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("series queue operations on %s", (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("creates a series at a free address and refuses one that is taken", async () => {
    const first = await createSeriesAtAddress(db, {
      title: "Noir",
      slug: "noir-nights",
      description: "Shadows.",
    });
    expect(first).toMatchObject({ ok: true, series: { slug: "noir-nights", title: "Noir" } });
    const again = await createSeriesAtAddress(db, {
      title: "Other",
      slug: "noir-nights",
      description: "",
    });
    expect(again).toEqual({ ok: false, reason: "slug-taken" });
    const count = await db.kysely
      .selectFrom("series")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("title", "=", "Other")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("makes the address from the title when none is asked for", async () => {
    const created = await createSeriesAtAddress(db, {
      title: "Heist Films",
      slug: undefined,
      description: "",
    });
    expect(created).toMatchObject({ ok: true, series: { slug: "heist-films" } });
  });

  it("adds a film on record once, then names its number", async () => {
    const series = await createSeries(db, { title: "Once only" });
    const film = await createFilm(db, { title: "Rififi", year: 1955 });
    const other = await createFilm(db, { title: "Le Cercle Rouge", year: 1970 });
    const first = await addFilmOnRecordToQueue(db, series.id, other.id);
    const added = await addFilmOnRecordToQueue(db, series.id, film.id);
    expect(first.ok && added.ok).toBe(true);
    expect(await addFilmOnRecordToQueue(db, series.id, film.id)).toMatchObject({
      ok: false,
      reason: "in-queue",
      film: { id: film.id, title: "Rififi" },
      number: 2,
    });
    expect(await entryOrder(db, series.id)).toHaveLength(2);
  });

  it("refuses a film that is not on record", async () => {
    const series = await createSeries(db, { title: "Vanished" });
    expect(await addFilmOnRecordToQueue(db, series.id, 987654)).toEqual({
      ok: false,
      reason: "no-film",
    });
    expect(await entryOrder(db, series.id)).toEqual([]);
  });

  it("records a new film with its directors and queues it, unless one is on record", async () => {
    const series = await createSeries(db, { title: "New films" });
    const added = await addNewFilmToQueue(db, series.id, {
      title: "Bande à part",
      year: 1964,
      directors: ["Jean-Luc Godard"],
    });
    if (!added.ok) throw new Error(`refused: ${added.reason}`);
    const queue = await seriesQueue(db, series, nowIso());
    expect(queue.items.map((i) => [i.entryId, i.film.title])).toEqual([
      [added.entryId, "Bande à part"],
    ]);
    const directors = await db.kysely
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select(["people.name", "credits.role"])
      .where("credits.film_id", "=", queue.items[0]!.filmId)
      .execute();
    expect(directors).toEqual([{ name: "Jean-Luc Godard", role: "director" }]);

    const again = await addNewFilmToQueue(db, series.id, {
      title: "BANDE À PART",
      year: 1964,
      directors: [],
    });
    expect(again).toMatchObject({
      ok: false,
      reason: "on-record",
      film: { title: "Bande à part" },
    });
    expect(await entryOrder(db, series.id)).toHaveLength(1);
  });

  it("offers films for a search with their number in the queue, and finds an entry's place", async () => {
    const series = await createSeries(db, { title: "Searching" });
    const a = await createFilm(db, { title: "Zebra Crossing One", year: 2001 });
    const b = await createFilm(db, { title: "Zebra Crossing Two", year: 2002 });
    await addFilmOnRecordToQueue(db, series.id, a.id);
    const second = await addFilmOnRecordToQueue(db, series.id, b.id);
    const queue = await seriesQueue(db, series, nowIso());
    const offered = await filmsToQueue(db, queue, "zebra crossing");
    expect(offered).toEqual([
      { id: a.id, title: "Zebra Crossing One", year: 2001, inQueue: 1 },
      { id: b.id, title: "Zebra Crossing Two", year: 2002, inQueue: 2 },
    ]);
    if (!second.ok) throw new Error("not added");
    expect(queueEntry(queue, second.entryId)).toMatchObject({ number: 2, item: { filmId: b.id } });
    expect(queueEntry(queue, 987654)).toBeUndefined();
  });

  it("reads the queue page: the queue, a search's films with their places, a removed film", async () => {
    const series = await createSeries(db, { title: "Page reads", description: "" });
    const kept = await createFilm(db, { title: "Queue Reader One", year: 1961, credits: [] });
    const other = await createFilm(db, { title: "Queue Reader Two", year: 1962, credits: [] });
    const added = await addFilmOnRecordToQueue(db, series.id, kept.id);
    if (!added.ok) throw new Error("the film went into the queue");

    const plain = await queueEditorReads(db, series, { search: "" });
    expect(plain.queue.items.map((item) => item.filmId)).toEqual([kept.id]);
    expect(plain.queue.total).toBe(1);
    expect(plain.results).toBeUndefined();
    expect(plain.removedFilm).toBeUndefined();

    const searched = await queueEditorReads(db, series, {
      search: "queue reader",
      removedFilmId: String(other.id),
    });
    expect(searched.results).toEqual([
      { id: kept.id, title: "Queue Reader One", year: 1961, inQueue: 1 },
      { id: other.id, title: "Queue Reader Two", year: 1962 },
    ]);
    expect(searched.removedFilm).toMatchObject({ id: other.id, title: "Queue Reader Two" });

    for (const removedFilmId of ["1e3", "-1", "99999999999999", undefined]) {
      expect((await queueEditorReads(db, series, { search: "", removedFilmId })).removedFilm).toBe(
        undefined,
      );
    }
  });
});
