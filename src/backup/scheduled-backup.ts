// `cinelog backup --to DIR --keep N`: the JSON backup made fit for a timer. The file is written
// under a temporary name, read back whole and checked against its own manifest, and only then
// renamed to `cinelog-backup-TIMESTAMP.zip`; the oldest beyond N are removed, and the good
// backup is recorded for the admin dashboard. A folder never holds a half-written file under
// a name that looks like a backup.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/connect.ts";
import { recordBackup } from "../domain/backup-runs.ts";
import { BackupError, manifestName, manifestSchema, mediaPrefix } from "./backup-format.ts";
import { openBackupZip } from "./backup-zip.ts";
import { exportBackup } from "./export-backup.ts";

export const backupFilePattern = /^cinelog-backup-\d{8}T\d{6}Z(-\d+)?\.zip$/;

interface ScheduledBackupResult {
  file: string;
  bytes: number;
  rows: number;
  mediaFiles: number;
  removed: string[];
}

export async function runScheduledBackup(
  db: Db,
  options: { dir: string; keep: number; mediaDir: string; now?: Date },
): Promise<ScheduledBackupResult> {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const final = path.join(dir, freeName(dir, options.now ?? new Date()));
  // A dot name that the pattern above never matches: pruning and restores ignore it.
  const temporary = path.join(dir, `.${path.basename(final)}.tmp`);
  try {
    await exportBackup(db, { out: temporary, mediaDir: options.mediaDir });
    const checked = await checkBackup(temporary);
    fs.renameSync(temporary, final);
    const bytes = fs.statSync(final).size;
    await recordBackup(db, path.basename(final), bytes);
    const removed = prune(dir, options.keep);
    return { file: final, bytes, rows: checked.rows, mediaFiles: checked.mediaFiles, removed };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Reads every entry back: the manifest parses, each table has its rows, each file is there. */
async function checkBackup(file: string): Promise<{ rows: number; mediaFiles: number }> {
  const zip = await openBackupZip(file);
  try {
    const manifest = manifestSchema.parse(JSON.parse(await zip.text(manifestName, 16 << 20)));
    let rows = 0;
    for (const table of manifest.tables) {
      let lines = 0;
      for await (const line of zip.lines(table.file)) {
        JSON.parse(line);
        lines += 1;
      }
      if (lines !== table.rows) {
        throw new BackupError(
          `Check failed: ${table.file} holds ${lines} rows, the manifest says ${table.rows}.`,
        );
      }
      rows += lines;
    }
    const media = zip.names().filter((n) => n.startsWith(mediaPrefix) && !n.endsWith("/"));
    if (media.length !== manifest.media.files) {
      throw new BackupError(
        `Check failed: ${media.length} media files, the manifest says ${manifest.media.files}.`,
      );
    }
    for (const name of media) for await (const chunk of await zip.stream(name)) void chunk;
    return { rows, mediaFiles: media.length };
  } finally {
    zip.close();
  }
}

function freeName(dir: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  let name = `cinelog-backup-${stamp}.zip`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n += 1) {
    name = `cinelog-backup-${stamp}-${n}.zip`;
  }
  return name;
}

/** Keeps the newest `keep` backups (by name: the timestamp sorts), removes the rest. */
function prune(dir: string, keep: number): string[] {
  const backups = fs
    .readdirSync(dir)
    .filter((name) => backupFilePattern.test(name))
    .sort(byTimeThenSuffix);
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of removed) fs.rmSync(path.join(dir, name));
  return removed;
}

function byTimeThenSuffix(a: string, b: string): number {
  const key = (name: string) => {
    const match = /-(\d{8}T\d{6}Z)(?:-(\d+))?\.zip$/.exec(name);
    return [match?.[1] ?? "", Number(match?.[2] ?? 1)] as const;
  };
  const [ta, na] = key(a);
  const [tb, nb] = key(b);
  return ta === tb ? na - nb : ta < tb ? -1 : 1;
}
