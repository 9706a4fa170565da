// Writers' own fediverse actors (issue #18 point 1): a writer may turn on an actor of their
// own, @USERNAME@host, attributed on their reviews. Each has its key pairs (kept like the
// blog's, replaced only by `cinelog federation rotate-keys --user`), and followers now say
// which local actor they follow (writer_id, 0 for the blog), so one account may follow both.
// SQLite cannot change a table's unique constraint in place, so federation_followers is
// rebuilt with `(actor_uri, writer_id)` unique instead of `actor_uri`, keeping its rows and ids.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

const followerColumns = [
  "id",
  "actor_uri",
  "host",
  "handle",
  "name",
  "inbox_uri",
  "shared_inbox_uri",
  "follow_id",
  "status",
  "created_at",
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("federation_writers")
    .addColumn("user_id", "integer", (c) =>
      c.primaryKey().references("users.id").onDelete("cascade"),
    )
    // The handle's local part, unique among writers (and never the blog's slug).
    .addColumn("username", "text", (c) => c.notNull().unique())
    // 0/1: whether the actor answers at all (off by default; turning it off keeps the keys).
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("federation_writer_keys")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("algorithm", "text", (c) => c.notNull())
    .addColumn("private_jwk", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("federation_writer_keys_pk", ["user_id", "algorithm"])
    .execute();

  const id = idColumn(dialect);
  await db.schema
    .createTable("federation_followers_036")
    .addColumn("id", id.type, id.build)
    .addColumn("actor_uri", "text", (c) => c.notNull())
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("handle", "text")
    .addColumn("name", "text")
    .addColumn("inbox_uri", "text", (c) => c.notNull())
    .addColumn("shared_inbox_uri", "text")
    .addColumn("follow_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // The local actor followed: 0 for the blog, else the writer's user id.
    .addColumn("writer_id", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("federation_followers_actor_writer", ["actor_uri", "writer_id"])
    .execute();
  const columns = sql.join(followerColumns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table("federation_followers_036")} (${columns})
    select ${columns} from ${sql.table("federation_followers")}`.execute(db);
  await db.schema.dropTable("federation_followers").execute();
  await db.schema.alterTable("federation_followers_036").renameTo("federation_followers").execute();
  await db.schema
    .createIndex("federation_followers_host")
    .on("federation_followers")
    .column("host")
    .execute();
  if (dialect === "postgres") {
    // Ids were copied: the identity continues after the highest.
    await sql`select setval(pg_get_serial_sequence(${sql.lit("federation_followers")}, 'id'),
      coalesce((select max(id) from ${sql.table("federation_followers")}), 0) + 1, false)`.execute(
      db,
    );
  }
}
