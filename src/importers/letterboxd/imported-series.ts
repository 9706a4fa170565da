// The series an import made from a Letterboxd list or watchlist, found again by the list's
// address so a second import adds to the same series rather than making another.
import type { Db } from "../../db/connect.ts";
import { importedId, recordImported } from "../../domain/import-items.ts";
import { createSeries } from "../../domain/series.ts";
import { letterboxdSource } from "./film-log-writes.ts";

export interface ImportedSeries {
  id: number;
  created: boolean;
  /** Films already in the series, so a film is queued once. */
  films: Set<number>;
}

export async function ensureImportedSeries(
  db: Db,
  key: string,
  input: { title: string; description: string },
): Promise<ImportedSeries> {
  const knownId = await importedId(db, letterboxdSource, "series", key);
  const known =
    knownId === undefined
      ? undefined
      : await db.kysely
          .selectFrom("series")
          .select("id")
          .where("id", "=", knownId)
          .executeTakeFirst();
  if (known) {
    const rows = await db.kysely
      .selectFrom("series_entries")
      .select("film_id")
      .where("series_id", "=", known.id)
      .execute();
    return { id: known.id, created: false, films: new Set(rows.map((r) => r.film_id)) };
  }
  if (knownId !== undefined) {
    // The series was deleted since the last import: the list comes back as a new one.
    await db.kysely
      .deleteFrom("import_items")
      .where("source", "=", letterboxdSource)
      .where("kind", "=", "series")
      .where("external_id", "=", key)
      .execute();
  }
  const series = await createSeries(db, input);
  await recordImported(db, letterboxdSource, "series", [{ externalId: key, localId: series.id }]);
  return { id: series.id, created: true, films: new Set() };
}
