// The demo's film diary: the viewings behind the reviews, as a Letterboxd import would bring
// them (film-log diary entries), so the stats pages and the year in review have a year to
// show — a run of nights in March, rewatches of favourites, a quiet summer. Dates and stars
// are made up for the demo; the films are the demo's own.
import type { Db } from "../db/connect.ts";
import type { Film } from "../db/schema.ts";
import { starsToRating } from "../content/rating.ts";
import { logEntry } from "../importers/letterboxd/film-log-writes.ts";

/** film key, day watched, stars (0 = unrated), rewatch. */
type DiaryLine = [string, string, number, boolean];

const diary: DiaryLine[] = [
  ["his-girl-friday", "2025-10-04", 4.5, false],
  ["the-sting", "2025-11-15", 4, false],
  ["casino", "2025-12-20", 3.5, false],
  ["oceans-eleven-1960", "2025-12-27", 3, false],
  ["the-hustler", "2026-01-03", 4.5, true],
  ["mean-streets", "2026-01-17", 4, false],
  ["the-sting", "2026-01-24", 4.5, true],
  ["bob-le-flambeur", "2026-02-01", 4, false],
  ["hard-eight", "2026-02-14", 3.5, false],
  ["sweet-smell-of-success", "2026-02-21", 5, false],
  ["california-split", "2026-03-01", 4, false],
  ["le-cercle-rouge", "2026-03-02", 4.5, false],
  ["house-of-games", "2026-03-03", 4, false],
  ["casino", "2026-03-04", 3.5, true],
  ["his-girl-friday", "2026-03-05", 5, true],
  ["singin-in-the-rain", "2026-03-14", 5, true],
  ["oceans-eleven-1960", "2026-04-04", 2.5, true],
  ["the-cincinnati-kid", "2026-04-25", 3.5, false],
  ["mean-streets", "2026-05-16", 4.5, true],
  ["leaving-las-vegas", "2026-05-30", 4, true],
  ["the-sting", "2026-06-27", 4, true],
  ["bob-le-flambeur", "2026-08-08", 4.5, true],
  ["hard-eight", "2026-08-22", 4, true],
  ["sweet-smell-of-success", "2026-09-05", 5, true],
  ["house-of-games", "2026-10-03", 4.5, true],
  ["le-cercle-rouge", "2026-10-17", 5, true],
  ["california-split", "2026-10-31", 3.5, true],
  ["the-hustler", "2026-11-07", 4, true],
  ["casino", "2026-11-21", 3, true],
  ["his-girl-friday", "2026-11-28", 4.5, true],
];

/** Adds the diary for the demo's films (by key); returns how many entries it added. */
export async function loadDemoViewings(db: Db, films: Map<string, Film>): Promise<number> {
  let added = 0;
  for (const [key, day, stars, rewatch] of diary) {
    const film = films.get(key);
    if (!film) throw new Error(`Demo diary names unknown film ${key}`);
    const outcome = await logEntry(db, {
      filmId: film.id,
      kind: "diary",
      sourceKey: `demo/${key}/${day}`,
      watchedOn: day,
      loggedOn: day,
      rating: stars === 0 ? null : starsToRating(stars),
      rewatch,
    });
    if (outcome === "added") added++;
  }
  return added;
}
