// Stills gain responsive variants (JSON list of files) and a ThumbHash placeholder.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("stills")
    .addColumn("variants", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("stills").addColumn("thumbhash", "text").execute();
}
