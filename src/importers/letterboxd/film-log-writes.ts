// Writes to the film log (migration 017). Each entry is keyed by where it came from, so a
// second import of the same export finds it and adds nothing.
import type { Db } from "../../db/connect.ts";
import type { FilmLogKind } from "../../db/schema.ts";
import { nowIso } from "../../domain/time.ts";

export const letterboxdSource = "letterboxd";

export interface LogEntry {
  filmId: number;
  kind: FilmLogKind;
  sourceKey: string;
  watchedOn?: string | null;
  loggedOn?: string | null;
  rating?: number | null;
  rewatch?: boolean;
  liked?: boolean;
  tags?: string[];
}

type LogOutcome = "added" | "known" | "updated";

/**
 * Adds the entry unless one with its key is there. A film's rating is the one exception:
 * a later export may carry a new rating for it, which replaces the old.
 */
export async function logEntry(db: Db, entry: LogEntry): Promise<LogOutcome> {
  const known = await db.kysely
    .selectFrom("film_log")
    .select(["id", "rating"])
    .where("source", "=", letterboxdSource)
    .where("kind", "=", entry.kind)
    .where("source_key", "=", entry.sourceKey)
    .executeTakeFirst();
  if (known) {
    if (entry.kind !== "rating" || known.rating === (entry.rating ?? null)) return "known";
    await db.kysely
      .updateTable("film_log")
      .set({ rating: entry.rating ?? null, logged_on: entry.loggedOn ?? null })
      .where("id", "=", known.id)
      .execute();
    return "updated";
  }
  await db.kysely
    .insertInto("film_log")
    .values({
      film_id: entry.filmId,
      kind: entry.kind,
      watched_on: entry.watchedOn ?? null,
      logged_on: entry.loggedOn ?? null,
      rating: entry.rating ?? null,
      rewatch: entry.rewatch ? 1 : 0,
      liked: entry.liked ? 1 : 0,
      tags: (entry.tags ?? []).join(", "),
      source: letterboxdSource,
      source_key: entry.sourceKey,
      created_at: nowIso(),
    })
    .execute();
  return "added";
}
