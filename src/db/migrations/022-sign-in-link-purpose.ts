// A mailed one-time link now serves two ends: signing in, and choosing a new password. The
// purpose is part of the row, so a sign-in link cannot be used to reset a password or the
// other way round. Links from before this column were all sign-in links.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("sign_in_links")
    .addColumn("purpose", "text", (c) => c.notNull().defaultTo("sign-in"))
    .execute();
}
