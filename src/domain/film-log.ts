// The film log (diary entries, watches and likes brought over from Letterboxd) as one line on
// a film's page: "Watched 3 times, liked".
import type { Db } from "../db/connect.ts";
import { isPublicReview } from "./visibility.ts";

export interface FilmLogLine {
  /** Viewings: the diary entries plus the public reviews (each review is a viewing). */
  viewings: number;
  /** Marked watched without a dated viewing. */
  watched: boolean;
  liked: boolean;
}

/** Undefined when the log knows nothing of the film (most films reviewed on the site itself). */
export async function filmLogLine(
  db: Db,
  filmId: number,
  now: string,
): Promise<FilmLogLine | undefined> {
  const rows = await db.kysely
    .selectFrom("film_log")
    .select(["kind", (eb) => eb.fn.countAll().as("n")])
    .where("film_id", "=", filmId)
    .groupBy("kind")
    .execute();
  if (rows.length === 0) return undefined;
  const count = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("film_id", "=", filmId)
    .where(isPublicReview(now))
    .executeTakeFirstOrThrow();
  return {
    viewings: count("diary") + Number(reviews.n),
    watched: count("watched") > 0,
    liked: count("like") > 0,
  };
}
