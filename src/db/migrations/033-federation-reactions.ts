// Likes and boosts from the fediverse (issue #18 point 4): one row per actor, review and kind,
// so the same account liking twice counts once and its Undo removes exactly its row. The
// activity's id is kept because an Undo names the activity it takes back.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("federation_reactions")
    .addColumn("id", id.type, id.build)
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    // "like" or "boost".
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_uri", "text", (c) => c.notNull())
    // The host of actor_uri, lower case: a server block removes its rows at once.
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("federation_reactions_one_each", ["review_id", "kind", "actor_uri"])
    .execute();
  await db.schema
    .createIndex("federation_reactions_host")
    .on("federation_reactions")
    .column("host")
    .execute();
}
