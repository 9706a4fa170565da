// The backup file: a zip holding `cinelog-backup.json` (what is inside, and from which schema
// level), one `tables/NAME.ndjson` per table (a JSON object per row, one row a line, so rows
// stream in and out a page at a time), and every media file under `media/`.
//
// Values are written the same whatever the database: null, numbers, strings (dates are ISO
// text and booleans 0/1 in this schema on both), and bytes as {"$bytes": base64}.
import { z } from "zod";

export const manifestName = "cinelog-backup.json";
export const mediaPrefix = "media/";
export const formatName = "cinelog-backup";
export const formatVersion = 1;

export function tableEntryName(table: string): string {
  return `tables/${table}.ndjson`;
}

export const manifestSchema = z.object({
  format: z.literal(formatName),
  version: z.literal(formatVersion),
  createdAt: z.string(),
  /** The database the backup was made from; any backup restores into either. */
  dialect: z.enum(["sqlite", "postgres"]),
  /** Names of the schema migrations the site had run: a restore needs the same. */
  migrations: z.array(z.string()),
  tables: z.array(
    z.object({
      name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      file: z.string(),
      columns: z.array(z.string()),
      rows: z.number().int().min(0),
      /** The next id the site would have handed out: ids of deleted rows are not reused. */
      nextId: z.number().int().min(1).optional(),
    }),
  ),
  /** Tables deliberately left out, with why (src/backup/backup-plan.ts). */
  excluded: z.record(z.string(), z.string()),
  media: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
});

export type Manifest = z.infer<typeof manifestSchema>;

type BackupValue = null | number | string | { $bytes: string };

/** A value as the database driver returned it, made neutral between the two databases. */
export function encodeValue(value: unknown, columnType: string): BackupValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return { $bytes: value.toString("base64") };
  // pg returns 64-bit integers as strings so as not to lose precision; ours fit a double.
  if (typeof value === "string" && columnType === "bigint" && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

/** A backup value as the target database's driver wants it for a column of this type. */
export function decodeValue(value: unknown, columnType: string): unknown {
  if (value !== null && typeof value === "object" && "$bytes" in value) {
    return Buffer.from(String(value.$bytes), "base64");
  }
  if (columnType === "boolean" && typeof value === "number") return value !== 0;
  return value;
}

/** A problem with the backup or the site it goes into, written for the operator. */
export class BackupError extends Error {}
