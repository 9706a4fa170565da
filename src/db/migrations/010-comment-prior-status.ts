// Comments remember the status they had before spam or trash, so "Not spam" and "Restore" put
// them back where they were. Rows set aside before this column existed have none: they go back
// to pending, the safe guess (src/domain/comment-moderation.ts).
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("comments").addColumn("prior_status", "text").execute();
}
