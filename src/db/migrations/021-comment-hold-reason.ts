// Comments remember why the rules held them (or sent them to spam), so the moderation queue
// can say so beside each one: the log had it, but no moderator reads the log. Comments from
// before this column, and those a person filed by hand, have none.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("comments").addColumn("hold_reason", "text").execute();
}
