// E-mailed sign-in links: a way in for an account holder that no one hammering the password
// form can block. Only a SHA-256 hash of each link's secret is kept, so the table (or a copy
// of the database) signs nobody in; each row is single use and expires after minutes.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("sign_in_links")
    .addColumn("id", id.type, id.build)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // Hex SHA-256 of the secret in the link; the secret itself is never stored here.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("sign_in_links_expires")
    .on("sign_in_links")
    .column("expires_at")
    .execute();
}
