// `cinelog export json`: every row of every table that holds content, accounts or settings,
// and every media file, in one zip (format: backup-format.ts). Rows are read a page at a time
// inside one read transaction, so the backup is a consistent snapshot and memory stays flat
// however large the site.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Kysely } from "kysely";
import yazl from "yazl";
import type { Db } from "../db/connect.ts";
import {
  encodeValue,
  formatName,
  formatVersion,
  manifestName,
  mediaPrefix,
  tableEntryName,
  type Manifest,
} from "./backup-format.ts";
import { backedUpTables, exclusionsOf } from "./backup-plan.ts";
import { migrationLevel, readCatalogue, type TableInfo } from "./catalogue.ts";
import { listMediaFiles } from "./media-files.ts";
import { nextIds } from "./sequences.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

export interface BackupProgress {
  /** Rows and media files written so far, of `total`. */
  done: number;
  total: number;
}

interface ExportOptions {
  out: string;
  mediaDir: string;
  onProgress?: (p: BackupProgress) => void;
  /** Rows read per query. */
  pageSize?: number;
}

interface ExportSummary {
  file: string;
  tables: { name: string; rows: number }[];
  excluded: string[];
  mediaFiles: number;
  mediaBytes: number;
  toText(): string;
}

export async function exportBackup(db: Db, options: ExportOptions): Promise<ExportSummary> {
  const out = path.resolve(options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Written beside the target and renamed at the end: a failed export leaves no file that
  // looks like a good backup.
  const partial = `${out}.partial`;
  try {
    const manifest = await inSnapshot(db, (snapshot) =>
      writeZip(snapshot, partial, options.mediaDir, options),
    );
    fs.renameSync(partial, out);
    return summaryOf(out, manifest);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * One read transaction for the whole export; PostgreSQL needs to be asked for a snapshot.
 * Read only on both: on SQLite that keeps it from taking the write lock (src/db/sqlite.ts),
 * so comments and imports go on while a backup is written.
 */
function inSnapshot<T>(db: Db, work: (snapshot: Db) => Promise<T>): Promise<T> {
  let builder = db.kysely.transaction().setAccessMode("read only");
  if (db.dialect === "postgres") builder = builder.setIsolationLevel("repeatable read");
  return builder.execute((kysely) => work({ ...db, kysely }));
}

async function writeZip(
  db: Db,
  file: string,
  mediaDir: string,
  options: ExportOptions,
): Promise<Manifest> {
  const k = db.kysely as unknown as AnyKysely;
  const catalogue = await readCatalogue(db);
  const tables = backedUpTables(catalogue);
  const counts = new Map<string, number>();
  for (const table of tables) {
    const row = await k
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    counts.set(table.name, Number(row.n));
  }
  const next = await nextIds(db, tables);
  const mediaFiles = await listMediaFiles(mediaDir);
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + mediaFiles.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    options.onProgress?.({ done, total });
  };

  const manifest: Manifest = {
    format: formatName,
    version: formatVersion,
    createdAt: new Date().toISOString(),
    dialect: db.dialect,
    migrations: await migrationLevel(db),
    tables: [],
    excluded: exclusionsOf(catalogue),
    media: {
      files: mediaFiles.length,
      bytes: mediaFiles.reduce((sum, f) => sum + f.size, 0),
    },
  };

  const zip = new yazl.ZipFile();
  const failed = new Promise<never>((_, reject) => zip.on("error", reject));
  const written = pipeline(zip.outputStream, fs.createWriteStream(file));
  for (const table of tables) {
    const columns = table.columns.filter((c) => !c.generated).map((c) => c.name);
    const nextId = next.get(table.name);
    const entry = {
      name: table.name,
      file: tableEntryName(table.name),
      columns,
      rows: 0,
      ...(nextId ? { nextId } : {}),
    };
    manifest.tables.push(entry);
    // Lazy: the rows are read only when the zip gets to this entry, one page at a time.
    zip.addReadStreamLazy(entry.file, { compress: true }, (callback) => {
      const lines = tableLines(db, table, columns, options.pageSize ?? 500, (n) => {
        entry.rows += n;
        advance(n);
      });
      callback(null, Readable.from(lines));
    });
  }
  for (const media of mediaFiles) {
    // Stills are JPEG and WebP already: deflating them again only costs time.
    zip.addReadStreamLazy(`${mediaPrefix}${media.name}`, { compress: false }, (callback) => {
      const input = fs.createReadStream(media.file);
      input.on("end", () => advance(1));
      callback(null, input);
    });
  }
  // Last, so that it can say how many rows each table had in this snapshot.
  zip.addReadStreamLazy(manifestName, { compress: true }, (callback) =>
    callback(null, Readable.from([JSON.stringify(manifest, null, 2) + "\n"])),
  );
  zip.end();
  await Promise.race([written, failed]);
  return manifest;
}

/** A table's rows as NDJSON text, a page per query, in primary-key order. */
async function* tableLines(
  db: Db,
  table: TableInfo,
  columns: string[],
  pageSize: number,
  onRows: (n: number) => void,
): AsyncGenerator<string> {
  const k = db.kysely as unknown as AnyKysely;
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  // One key column: each page starts after the last key seen (no OFFSET that rereads rows).
  const key = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  const order = table.primaryKey.length > 0 ? table.primaryKey : columns;
  let last: unknown = undefined;
  let offset = 0;
  for (;;) {
    let query = k.selectFrom(table.name).select(columns);
    if (key !== undefined && last !== undefined) query = query.where(key, ">", last);
    for (const column of order) query = query.orderBy(column);
    query = query.limit(pageSize);
    if (key === undefined) query = query.offset(offset);
    const rows = (await query.execute()) as Record<string, unknown>[];
    let text = "";
    for (const row of rows) {
      const out: Record<string, unknown> = {};
      for (const column of columns) out[column] = encodeValue(row[column], types.get(column)!);
      text += JSON.stringify(out) + "\n";
    }
    if (text) yield text;
    onRows(rows.length);
    if (rows.length < pageSize) return;
    if (key !== undefined) last = rows.at(-1)![key];
    else offset += rows.length;
  }
}

function summaryOf(file: string, manifest: Manifest): ExportSummary {
  const tables = manifest.tables.map((t) => ({ name: t.name, rows: t.rows }));
  const excluded = Object.keys(manifest.excluded);
  return {
    file,
    tables,
    excluded,
    mediaFiles: manifest.media.files,
    mediaBytes: manifest.media.bytes,
    toText() {
      const lines = [`Backup written to ${file}`];
      for (const t of tables) lines.push(`  ${t.name}: ${t.rows}`);
      lines.push(`  media files: ${manifest.media.files} (${formatBytes(manifest.media.bytes)})`);
      lines.push(`Left out on purpose (see the README): ${excluded.join(", ")}`);
      return lines.join("\n");
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
