// The record of good backups, written by `cinelog backup` once a file is checked, and read
// by the admin dashboard to show the age of the last one.
import type { Db } from "../db/connect.ts";
import { nowIso } from "./time.ts";

export interface BackupRun {
  finishedAt: string;
  file: string;
  bytes: number;
}

export async function recordBackup(db: Db, file: string, bytes: number): Promise<void> {
  await db.kysely
    .insertInto("backup_runs")
    .values({ finished_at: nowIso(), file, bytes })
    .execute();
}

export async function lastGoodBackup(db: Db): Promise<BackupRun | undefined> {
  const row = await db.kysely
    .selectFrom("backup_runs")
    .select(["finished_at", "file", "bytes"])
    .orderBy("finished_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { finishedAt: row.finished_at, file: row.file, bytes: Number(row.bytes) };
}
