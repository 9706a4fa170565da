// What each row of an export's diary, reviews, ratings, watched and likes files becomes.
// Films are matched by name and year: in diary.csv and reviews.csv the "Letterboxd URI" is
// the address of the entry (one viewing), not of the film, so it identifies the entry only.
import type { Db } from "../../db/connect.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { createReview } from "../../domain/reviews.ts";
import type { FilmCatalogue, FilmName } from "../film-catalogue.ts";
import type { ImportSummary } from "../import-summary.ts";
import { letterboxdSource, logEntry, type LogEntry } from "./film-log-writes.ts";
import { day, film, isRewatch, rating, tagList, type Parsed, type Row } from "./letterboxd-rows.ts";
import { reviewBodyFromLetterboxd } from "./letterboxd-review-text-in.ts";

/** A key for a film that does not depend on this site's ids. */
function filmKey(name: FilmName): string {
  return `${name.title.trim().toLowerCase()}|${name.year ?? ""}`;
}

interface Viewing {
  film: FilmName;
  filmId: number;
  /** The entry's address, or a key made of what the row says when it has none. */
  key: string;
  loggedOn: string | null;
  watchedOn: string | null;
  rating: number | null;
  rewatch: boolean;
  tags: string[];
}

export class LetterboxdRows {
  /** The entries that became reviews, so their diary lines are not logged a second time. */
  readonly #reviewed = new Set<string>();
  readonly #reviewedViewings = new Set<string>();

  constructor(
    private readonly films: FilmCatalogue,
    private readonly summary: ImportSummary,
    private readonly author: () => Promise<number>,
  ) {}

  #check<T>(label: string, parsed: Parsed<T>): parsed is { ok: true; value: T } {
    if (!parsed.ok) this.summary.skip(label, parsed.why);
    return parsed.ok;
  }

  async #viewing(db: Db, row: Row, label: string): Promise<Viewing | undefined> {
    const name = film(row);
    const stars = rating(row.get("Rating"));
    const logged = day(row.get("Date"), "date");
    const watched = day(row.get("Watched Date"), "watched date");
    if (!this.#check(label, name) || !this.#check(label, stars)) return undefined;
    if (!this.#check(label, logged) || !this.#check(label, watched)) return undefined;
    const filmId = await this.films.ensure(name.value, [], db);
    const watchedOn = watched.value ?? logged.value;
    return {
      film: name.value,
      filmId,
      key:
        row.get("Letterboxd URI") ||
        `${filmKey(name.value)}|${watchedOn ?? ""}|${isRewatch(row.get("Rewatch")) ? "r" : ""}`,
      loggedOn: logged.value,
      watchedOn,
      rating: stars.value,
      rewatch: isRewatch(row.get("Rewatch")),
      tags: tagList(row.get("Tags")),
    };
  }

  async review(db: Db, row: Row): Promise<void> {
    const label = row.label("reviews.csv");
    const text = row.raw("Review");
    if (!text.trim()) {
      this.summary.skip(label, "review without text");
      return;
    }
    const viewing = await this.#viewing(db, row, label);
    if (!viewing) return;
    this.#reviewed.add(viewing.key);
    this.#reviewedViewings.add(`${viewing.filmId}|${viewing.watchedOn ?? ""}`);
    if ((await importedId(db, letterboxdSource, "review", viewing.key)) !== undefined) {
      this.summary.count("reviews already imported");
      return;
    }
    const day = viewing.loggedOn ?? viewing.watchedOn;
    const review = await createReview(db, {
      filmId: viewing.filmId,
      authorId: await this.author(),
      body: reviewBodyFromLetterboxd(text),
      rating: viewing.rating,
      watchedOn: viewing.watchedOn,
      isRewatch: viewing.rewatch,
      status: "published",
      // Noon, so the day reads the same in every time zone near UTC.
      publishedAt: day ? `${day}T12:00:00.000Z` : null,
      tags: viewing.tags,
    });
    await recordImported(db, letterboxdSource, "review", [
      { externalId: viewing.key, localId: review.id },
    ]);
    this.summary.count("reviews");
  }

  async diary(db: Db, row: Row): Promise<void> {
    const viewing = await this.#viewing(db, row, row.label("diary.csv"));
    if (!viewing) return;
    if (
      this.#reviewed.has(viewing.key) ||
      this.#reviewedViewings.has(`${viewing.filmId}|${viewing.watchedOn ?? ""}`)
    ) {
      this.summary.count("diary entries with a review (imported as the review)");
      return;
    }
    this.#counted(
      "diary entries",
      await logEntry(db, {
        filmId: viewing.filmId,
        kind: "diary",
        sourceKey: viewing.key,
        watchedOn: viewing.watchedOn,
        loggedOn: viewing.loggedOn,
        rating: viewing.rating,
        rewatch: viewing.rewatch,
        tags: viewing.tags,
      }),
    );
  }

  /** ratings.csv, watched.csv and likes/films.csv: one fact about a film each. */
  async filmFact(db: Db, row: Row, kind: "rating" | "watched" | "like"): Promise<void> {
    const file = { rating: "ratings.csv", watched: "watched.csv", like: "likes/films.csv" }[kind];
    const label = row.label(file);
    const name = film(row);
    const logged = day(row.get("Date"), "date");
    if (!this.#check(label, name) || !this.#check(label, logged)) return;
    const entry: LogEntry = {
      filmId: 0,
      kind,
      sourceKey: filmKey(name.value),
      loggedOn: logged.value,
    };
    if (kind === "rating") {
      const stars = rating(row.get("Rating"));
      if (!this.#check(label, stars)) return;
      if (stars.value === null) {
        this.summary.skip(label, "rating row without a rating");
        return;
      }
      entry.rating = stars.value;
    }
    if (kind === "like") entry.liked = true;
    entry.filmId = await this.films.ensure(name.value, [], db);
    const what = { rating: "ratings", watched: "films marked watched", like: "liked films" }[kind];
    this.#counted(what, await logEntry(db, entry));
  }

  #counted(what: string, outcome: "added" | "known" | "updated"): void {
    if (outcome === "added") this.summary.count(what);
    else if (outcome === "known") this.summary.count(`${what} already imported`);
    else this.summary.count(`${what} updated`);
  }
}
