// Films by title and year, for importers: a review, an "Up Next" line and a Letterboxd row
// name films the same way, and each must land on one record. The catalogue keeps the
// site's films in memory (a few numbers and a title each) so a large import does not scan
// the films table once per line. What it learns inside a transaction is forgotten if that
// transaction rolls back (`inTransaction`), so it never names a film the database lost.
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import { addCreditsToFilms, createFilms, type CreditInput } from "../domain/films.ts";

export interface FilmName {
  title: string;
  year: number | null;
}

/** A film an importer needs, with the people it names for it (given only to a film with none). */
export interface FilmWanted {
  film: FilmName;
  directors?: string[];
  writers?: string[];
}

function keyOf(film: FilmName): string {
  return `${film.title.trim().toLowerCase()}|${film.year ?? ""}`;
}

export class FilmCatalogue {
  #byName: Map<string, number> | undefined;
  created = 0;
  /** Inside `inTransaction`: the names learnt since it began, to forget should it fail. */
  #journal: { keys: string[]; created: number; loaded: boolean } | undefined;

  constructor(private readonly db: Db) {}

  async #load(db: Db): Promise<Map<string, number>> {
    if (this.#byName) return this.#byName;
    const rows = await db.kysely.selectFrom("films").select(["id", "title", "year"]).execute();
    this.#byName = new Map();
    if (this.#journal) this.#journal.loaded = true;
    // The oldest record wins when two films share a name and year.
    for (const row of rows.reverse()) this.#byName.set(keyOf(row), row.id);
    return this.#byName;
  }

  /**
   * Runs `work` in one transaction (joining the caller's, if any); if it fails, the films
   * it added are dropped from the catalogue with the rows the database rolled back.
   */
  async inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
    if (this.#journal) return inTransaction(db, work);
    const journal = { keys: [] as string[], created: 0, loaded: false };
    this.#journal = journal;
    try {
      return await inTransaction(db, work);
    } catch (error) {
      // Read inside the failed transaction, the whole map may hold what it wrote: read again.
      if (journal.loaded) this.#byName = undefined;
      for (const key of journal.keys) this.#byName?.delete(key);
      this.created -= journal.created;
      throw error;
    } finally {
      this.#journal = undefined;
    }
  }

  #learn(key: string, id: number): void {
    this.#byName!.set(key, id);
    this.created += 1;
    if (this.#journal) {
      this.#journal.keys.push(key);
      this.#journal.created += 1;
    }
  }

  /**
   * The film's id, creating it (with these directors and writers) when the site does not
   * know it; a known film is given them only for a role it has no one in yet.
   */
  async ensure(
    film: FilmName,
    directors: string[],
    db: Db = this.db,
    writers: string[] = [],
  ): Promise<number> {
    const [id] = await this.ensureAll([{ film, directors, writers }], db);
    return id!;
  }

  /**
   * Many films at once, in order (an import's batch): as `ensure` one after another would
   * give them, with a handful of statements for the lot.
   */
  async ensureAll(wanted: FilmWanted[], db: Db = this.db): Promise<number[]> {
    // Read through the caller's transaction: on SQLite, a read beside it would wait for it.
    const byName = await this.#load(db);
    /** Films to create, by name, with the credits the first mention of each role gives. */
    const fresh = new Map<string, { film: FilmName; credits: Map<string, string[]> }>();
    /** Known films named with people: each role is filled only if the film has no one in it. */
    const offered = new Map<number, Map<string, string[]>>();
    for (const { film, directors = [], writers = [] } of wanted) {
      const key = keyOf(film);
      const known = byName.get(key);
      const credits =
        known !== undefined
          ? (offered.get(known) ?? offered.set(known, new Map()).get(known)!)
          : (fresh.get(key) ?? fresh.set(key, { film, credits: new Map() }).get(key)!).credits;
      for (const [role, names] of [
        ["director", directors],
        ["writer", writers],
      ] as const) {
        if (names.length > 0 && !credits.has(role)) credits.set(role, names);
      }
    }
    const additions = await this.#missingRoles(db, offered);
    await addCreditsToFilms(db, additions);
    const films = [...fresh.values()];
    const created = await createFilms(
      db,
      films.map(({ film, credits }) => ({
        title: film.title,
        year: film.year,
        credits: creditList(credits),
      })),
    );
    films.forEach(({ film }, i) => this.#learn(keyOf(film), created[i]!.id));
    return wanted.map(({ film }) => byName.get(keyOf(film))!);
  }

  /** Of the people offered to known films, those for roles the film has no one in yet. */
  async #missingRoles(
    db: Db,
    offered: Map<number, Map<string, string[]>>,
  ): Promise<{ filmId: number; credits: CreditInput[] }[]> {
    const ids = [...offered].filter(([, roles]) => roles.size > 0).map(([id]) => id);
    const filled = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.kysely
        .selectFrom("credits")
        .select(["film_id", "role"])
        .distinct()
        .where("film_id", "in", ids.slice(i, i + 500))
        .where("role", "in", ["director", "writer"])
        .execute();
      for (const row of rows) filled.add(`${row.film_id}|${row.role}`);
    }
    return ids.map((filmId) => {
      const roles = offered.get(filmId)!;
      for (const role of roles.keys()) if (filled.has(`${filmId}|${role}`)) roles.delete(role);
      return { filmId, credits: creditList(roles) };
    });
  }
}

function creditList(roles: Map<string, string[]>): CreditInput[] {
  return [...roles].flatMap(([role, names]) =>
    names.map((name) => ({ role: role as "director" | "writer", name })),
  );
}
