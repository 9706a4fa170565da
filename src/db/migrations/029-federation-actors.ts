// The blog's side of federation: its key pairs (made once, replaced only by
// `cinelog federation rotate-keys`), the accounts that follow it, and the actors and servers
// the owner has blocked; and which reviews went out, in which version.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("federation_keys")
    // "RSASSA-PKCS1-v1_5" or "Ed25519": one pair of each.
    .addColumn("algorithm", "text", (c) => c.primaryKey())
    // JSON Web Keys.
    .addColumn("private_jwk", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  const id = idColumn(dialect);
  await db.schema
    .createTable("federation_followers")
    .addColumn("id", id.type, id.build)
    .addColumn("actor_uri", "text", (c) => c.notNull().unique())
    // The host of actor_uri, for server blocks and the per-server listing.
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("handle", "text")
    .addColumn("name", "text")
    .addColumn("inbox_uri", "text", (c) => c.notNull())
    .addColumn("shared_inbox_uri", "text")
    // The Follow activity's id, for the Accept and for matching its Undo.
    .addColumn("follow_id", "text")
    // "accepted", or "pending" while the owner's approval is asked for.
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("federation_followers_host")
    .on("federation_followers")
    .column("host")
    .execute();

  await db.schema
    .createTable("federation_blocks")
    .addColumn("id", id.type, id.build)
    // "actor" (value: the actor's URI) or "server" (value: a host name, lower case).
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("federation_blocks_kind_value", ["kind", "value"])
    .execute();

  // Reviews delivered to followers, and the version sent: a newer edit sends an Update, a
  // review no longer public a Delete (src/federation/publish.ts).
  await db.schema
    .createTable("federation_posts")
    .addColumn("review_id", "integer", (c) => c.primaryKey())
    .addColumn("sent_updated_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();
}
