// What an import brought in, keyed by where it came from, so a second run of the same import
// recognises every record and adds only what is new.
import type { Db } from "../db/connect.ts";
import { nowIso } from "./time.ts";

type ImportKind =
  | "author"
  | "review"
  | "comment"
  | "still"
  | "post"
  | "page"
  // An attachment nothing used: recorded with local id 0 (known, not brought in).
  | "attachment"
  | "series";

export async function importedId(
  db: Db,
  source: string,
  kind: ImportKind,
  externalId: string,
): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom("import_items")
    .select("local_id")
    .where("source", "=", source)
    .where("kind", "=", kind)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row?.local_id;
}

/** The local ids of those of `externalIds` already imported, by external id. */
export async function importedIds(
  db: Db,
  source: string,
  kind: ImportKind,
  externalIds: string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  // Chunks keep every statement under SQLite's and pg's bound-parameter limits.
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("import_items")
      .select(["external_id", "local_id"])
      .where("source", "=", source)
      .where("kind", "=", kind)
      .where("external_id", "in", externalIds.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.external_id, row.local_id);
  }
  return found;
}

export async function recordImported(
  db: Db,
  source: string,
  kind: ImportKind,
  items: { externalId: string; localId: number }[],
): Promise<void> {
  const at = nowIso();
  for (let i = 0; i < items.length; i += 200) {
    await db.kysely
      .insertInto("import_items")
      .values(
        items.slice(i, i + 200).map((item) => ({
          source,
          kind,
          external_id: item.externalId,
          local_id: item.localId,
          imported_at: at,
        })),
      )
      .execute();
  }
}
