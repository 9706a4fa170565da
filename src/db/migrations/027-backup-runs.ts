// A record of each scheduled backup (`cinelog backup`), so the admin dashboard can say how old
// the last good one is and warn when the schedule has stopped working.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("backup_runs")
    .addColumn("id", id.type, id.build)
    .addColumn("finished_at", "text", (c) => c.notNull())
    // The file's name and size as written, after it was read back and checked.
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("bytes", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("backup_runs_finished")
    .on("backup_runs")
    .column("finished_at")
    .execute();
}
