// `cinelog import json`: restores a backup made by export-backup.ts into an empty site, on
// either database whichever one made it. Everything happens in one transaction: a restore
// that fails half way leaves the site as empty as it was, and the media files it had written
// by then are deleted again (media-writes.ts).
import type { Kysely } from "kysely";
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import { recordChange } from "../domain/changes.ts";
import { rebuildSearchIndex } from "../search/indexer.ts";
import { BackupError, manifestName, manifestSchema, mediaPrefix } from "./backup-format.ts";
import type { Manifest } from "./backup-format.ts";
import { replacedTables, restoreOrder, type TablePlan } from "./backup-plan.ts";
import { openBackupZip, readFailure, type BackupLimits, type BackupZip } from "./backup-zip.ts";
import { migrationLevel, readCatalogue, type TableInfo } from "./catalogue.ts";
import type { BackupProgress } from "./export-backup.ts";
import { mediaTarget } from "./media-files.ts";
import { MediaWrites } from "./media-writes.ts";
import { advanceIds } from "./sequences.ts";
import { applyFixups, restoreTable, type Fixup } from "./restore-table.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

interface ImportOptions {
  file: string;
  mediaDir: string;
  onProgress?: (p: BackupProgress) => void;
  /** Told of each file and folder the restore creates, before anything is written into it. */
  onCreated?: (file: string) => void;
  limits?: BackupLimits;
}

export interface ImportSummary {
  tables: { name: string; rows: number }[];
  mediaFiles: number;
  searchDocuments: number;
  toText(): string;
}

export async function importBackup(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const zip = await openBackupZip(options.file, options.limits);
  const media = new MediaWrites(options.onCreated);
  try {
    const manifest = await readManifest(zip);
    checkLevel(manifest.migrations, await migrationLevel(db));
    const plans = restoreOrder(targetTables(manifest, await readCatalogue(db)));
    const total = manifest.tables.reduce((sum, t) => sum + t.rows, 0) + manifest.media.files;
    let done = 0;
    const advance = (n: number) => {
      done += n;
      options.onProgress?.({ done, total });
    };
    return await inTransaction(db, async (trx) => {
      await ensureEmpty(trx, plans);
      const restored: { name: string; rows: number }[] = [];
      const fixups: Fixup[] = [];
      for (const plan of plans) {
        const entry = manifest.tables.find((t) => t.name === plan.table.name)!;
        if (replacedTables.has(entry.name)) {
          await (trx.kysely as unknown as AnyKysely).deleteFrom(entry.name).execute();
        }
        const rows = await restoreTable(
          trx,
          plan,
          entry.columns,
          zip.lines(entry.file),
          fixups,
          advance,
        );
        if (rows !== entry.rows) {
          throw new BackupError(
            `The backup is damaged: its ${entry.name} table should hold ${entry.rows} rows and holds ${rows}.`,
          );
        }
        restored.push({ name: entry.name, rows });
      }
      await applyFixups(trx, fixups);
      const next = new Map(manifest.tables.flatMap((t) => (t.nextId ? [[t.name, t.nextId]] : [])));
      await advanceIds(trx, plans, next);
      const mediaFiles = await restoreMedia(zip, options.mediaDir, media, advance);
      if (mediaFiles !== manifest.media.files) {
        throw new BackupError(
          `The backup is damaged: it should hold ${manifest.media.files} media files and holds ${mediaFiles}.`,
        );
      }
      // Derived data is rebuilt here rather than copied: the search index differs by database.
      const searchDocuments = await rebuildSearchIndex(trx);
      await recordChange(trx, ["site", "public-set", "lists", "series", "comments"]);
      return summaryOf(restored, mediaFiles, searchDocuments);
    });
  } catch (error) {
    // Whether the rows or the files failed, or the commit itself: no file stays behind.
    await media.undo();
    throw error;
  } finally {
    zip.close();
  }
}

async function readManifest(zip: BackupZip): Promise<Manifest> {
  if (!zip.has(manifestName)) {
    throw new BackupError(
      `This zip is not a Cinelog backup: it has no ${manifestName}. Make one with \`cinelog export json\`.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await zip.text(manifestName, 50 * 1024 * 1024));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup's ${manifestName} is not valid JSON.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === "number" && version > 1) {
      throw new BackupError(
        `This backup is in format version ${version}, newer than this Cinelog reads.`,
      );
    }
    throw new BackupError(
      `This zip is not a Cinelog backup, or a damaged one: its ${manifestName} does not describe one.`,
    );
  }
  return parsed.data;
}

/** The backup must come from the same schema level: a restore is not an upgrade. */
function checkLevel(backup: string[], site: string[]): void {
  if (backup.join("\n") === site.join("\n")) return;
  const unknown = backup.filter((m) => !site.includes(m));
  if (unknown.length > 0) {
    throw new BackupError(
      `This backup was made by a newer Cinelog (its schema includes ${unknown.join(", ")}). ` +
        "Restore it with that version of Cinelog or a later one.",
    );
  }
  throw new BackupError(
    `This backup was made at schema level ${backup.at(-1) ?? "(none)"}, older than this site's ` +
      `${site.at(-1) ?? "(none)"}. Restore it into an empty site with the Cinelog version that ` +
      "made it, then upgrade: the upgrade carries the restored data along.",
  );
}

/** The site's own description of each table in the backup, which it must have. */
function targetTables(manifest: Manifest, catalogue: TableInfo[]): TableInfo[] {
  const byName = new Map(catalogue.map((t) => [t.name, t]));
  return manifest.tables.map((entry) => {
    const table = byName.get(entry.name);
    if (!table) throw new BackupError(`This site has no ${entry.name} table to restore into.`);
    const known = new Set(table.columns.filter((c) => !c.generated).map((c) => c.name));
    const missing = entry.columns.filter((c) => !known.has(c));
    if (missing.length > 0) {
      throw new BackupError(`This site's ${entry.name} table has no ${missing.join(", ")} column.`);
    }
    return table;
  });
}

async function ensureEmpty(db: Db, plans: TablePlan[]): Promise<void> {
  const k = db.kysely as unknown as AnyKysely;
  const filled: string[] = [];
  for (const { table } of plans) {
    if (replacedTables.has(table.name)) continue;
    const row = await k
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    if (n > 0) filled.push(`${table.name} (${n})`);
  }
  if (filled.length === 0) return;
  throw new BackupError(
    `This site is not empty: it has ${filled.slice(0, 6).join(", ")}` +
      `${filled.length > 6 ? " and more" : ""}. A backup restores only into an empty site: point ` +
      "DATABASE_URL at a new database, and restore before the first `cinelog serve` (or start " +
      "it with CINELOG_DEMO=false, so that it does not load the demo).",
  );
}

async function restoreMedia(
  zip: BackupZip,
  mediaDir: string,
  media: MediaWrites,
  advance: (n: number) => void,
): Promise<number> {
  let count = 0;
  for (const name of zip.names()) {
    if (!name.startsWith(mediaPrefix) || name.endsWith("/")) continue;
    const file = mediaTarget(mediaDir, name.slice(mediaPrefix.length));
    try {
      await media.write(file, await zip.stream(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new BackupError(
          `The media directory already holds ${name.slice(mediaPrefix.length)}: a backup restores ` +
            "only into an empty site, and nothing there is overwritten.",
        );
      }
      throw readFailure(name, error);
    }
    count += 1;
    advance(1);
  }
  return count;
}

function summaryOf(
  tables: { name: string; rows: number }[],
  mediaFiles: number,
  searchDocuments: number,
): ImportSummary {
  return {
    tables,
    mediaFiles,
    searchDocuments,
    toText() {
      const lines = ["Restored:"];
      for (const t of tables) lines.push(`  ${t.name}: ${t.rows}`);
      lines.push(`  media files: ${mediaFiles}`);
      lines.push(`Search index rebuilt: ${searchDocuments} reviews.`);
      return lines.join("\n");
    },
  };
}
