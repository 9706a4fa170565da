// How much of an outside file an import will read before it refuses the file. Exports are
// small next to these (a Letterboxd export is a few MB, a WordPress post a few hundred KB);
// what goes past them is a damaged or hostile file, and reading on would only fill memory or
// disk. Each refusal names the limit it hit and where in the file, so an owner with a real
// file that large can raise it (`CINELOG_IMPORT_LIMITS`, see the README).
import { z } from "zod";

export interface ImportLimits {
  /** Heap of the worker an import runs in; past it the import fails, the server lives on. */
  memory: number;
  /** Bytes inflated from a Letterboxd zip, all files together, counted as they come out. */
  zipSize: number;
  /** Files in a Letterboxd zip. */
  zipEntries: number;
  /** The same two for a backup zip, which also carries every media file of a site. */
  backupSize: number;
  backupEntries: number;
  /** One CSV record (row), and the cells in it. */
  csvRecord: number;
  csvFields: number;
  /** One text (or CDATA) node of a WordPress export, and one record (a post with its comments). */
  xmlText: number;
  xmlItem: number;
  /** One line (one row) of a backup table file. */
  ndjsonLine: number;
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

export const defaultImportLimits: Readonly<ImportLimits> = Object.freeze({
  memory: 1 * GB,
  zipSize: 1 * GB,
  zipEntries: 10_000,
  backupSize: 64 * GB,
  backupEntries: 500_000,
  csvRecord: 1 * MB,
  csvFields: 1_000,
  xmlText: 32 * MB,
  xmlItem: 64 * MB,
  ndjsonLine: 32 * MB,
});

const countLimits = new Set<keyof ImportLimits>(["zipEntries", "backupEntries", "csvFields"]);

/** "1.5 MB", "200 KB", "1 GB": for messages. */
export function formatBytes(n: number): string {
  const [unit, size] =
    n >= GB ? ["GB", GB] : n >= MB ? ["MB", MB] : n >= KB ? ["KB", KB] : ["bytes", 1];
  const value = n / size;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

const sizePattern = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i;
const unitBytes: Record<string, number> = { b: 1, k: KB, kb: KB, m: MB, mb: MB, g: GB, gb: GB };

const valueSchema = (key: keyof ImportLimits) =>
  z.string().transform((text, ctx) => {
    const match = sizePattern.exec(text.trim());
    const unit = (match?.[2] ?? "b").toLowerCase();
    if (!match || (countLimits.has(key) && unit !== "b")) {
      ctx.addIssue({
        code: "custom",
        message: countLimits.has(key)
          ? `${key} is a count: a whole number such as 500`
          : `${key} is a size such as 64MB, 512KB or 2GB`,
      });
      return z.NEVER;
    }
    const value = Math.floor(Number(match[1]) * (unitBytes[unit] ?? 1));
    if (value < 1) {
      ctx.addIssue({ code: "custom", message: `${key} must be above zero` });
      return z.NEVER;
    }
    return value;
  });

/**
 * The limits with `CINELOG_IMPORT_LIMITS` applied: comma-separated `name=value` pairs such as
 * `memory=2GB,xmlText=64MB,zipEntries=20000`. Throws with a message naming a bad pair.
 */
export function parseImportLimits(text: string | undefined): ImportLimits {
  const limits: ImportLimits = { ...defaultImportLimits };
  if (!text?.trim()) return limits;
  for (const pair of text.split(",")) {
    if (!pair.trim()) continue;
    const [name = "", value, ...rest] = pair.split("=");
    const key = name.trim() as keyof ImportLimits;
    if (!(key in defaultImportLimits) || value === undefined || rest.length > 0) {
      throw new Error(
        `"${pair.trim()}" is not a limit: use name=value with a name among ${Object.keys(defaultImportLimits).join(", ")}`,
      );
    }
    const parsed = valueSchema(key).safeParse(value);
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? `bad ${key}`);
    limits[key] = parsed.data;
  }
  return limits;
}

/** An outside file went past one of the limits above. */
export class ImportLimitError extends Error {}
