// The watchlist and the lists of an export become series: the watchlist a queue titled
// "Watchlist", each list a series of its own in the list's order. A film is added to a
// series once; a second import adds only the films the list has gained since.
import type { Db } from "../../db/connect.ts";
import { appendSeriesEntry } from "../../domain/series.ts";
import type { FilmCatalogue } from "../film-catalogue.ts";
import type { ImportSummary } from "../import-summary.ts";
import { ensureImportedSeries, type ImportedSeries } from "./imported-series.ts";
import { film, type Row } from "./letterboxd-rows.ts";

interface SeriesTarget {
  /** What identifies the list at the source: its address, or "watchlist". */
  key: string;
  title: string;
  description: string;
  /** How the summary counts the films added, e.g. "watchlist films queued". */
  counted: string;
}

export class SeriesRows {
  readonly #series = new Map<string, ImportedSeries>();

  constructor(
    private readonly films: FilmCatalogue,
    private readonly summary: ImportSummary,
  ) {}

  async series(db: Db, target: SeriesTarget): Promise<ImportedSeries> {
    let series = this.#series.get(target.key);
    if (!series) {
      series = await ensureImportedSeries(db, target.key, target);
      this.#series.set(target.key, series);
      this.summary.count(
        series.created ? "series from lists and the watchlist" : "series already imported",
      );
    }
    return series;
  }

  async entry(db: Db, target: SeriesTarget, row: Row, label: string): Promise<void> {
    const name = film(row);
    if (!name.ok) {
      this.summary.skip(label, name.why);
      return;
    }
    const series = await this.series(db, target);
    const filmId = await this.films.ensure(name.value, [], db);
    if (series.films.has(filmId)) {
      if (series.created) this.summary.skip(label, "film listed twice in the same list");
      else this.summary.count("list films already in their series");
      return;
    }
    await appendSeriesEntry(db, series.id, filmId);
    series.films.add(filmId);
    this.summary.count(target.counted);
  }
}
