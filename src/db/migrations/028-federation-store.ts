// Fedify's key-value store and message queue, kept in our own database (src/federation/
// kv-store.ts and message-queue.ts) so that federation needs no second connection pool, no
// Redis, and survives a restart like everything else.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("federation_kv")
    // The key's parts as a JSON array; a prefix is a leading substring of it.
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    // ISO time after which the entry is as good as absent; null: kept until deleted.
    .addColumn("expires_at", "text")
    .execute();
  await db.schema
    .createIndex("federation_kv_expires")
    .on("federation_kv")
    .column("expires_at")
    .execute();

  const id = idColumn(dialect);
  await db.schema
    .createTable("federation_queue")
    .addColumn("id", id.type, id.build)
    // The message as Fedify gave it, in JSON.
    .addColumn("message", "text", (c) => c.notNull())
    // Messages sharing a key are handled one at a time, in order.
    .addColumn("ordering_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // A worker holds the row until then; past it, another worker may take it over.
    .addColumn("claimed_until", "text")
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("federation_queue_due")
    .on("federation_queue")
    .columns(["due_at", "id"])
    .execute();
  await db.schema
    .createIndex("federation_queue_ordering")
    .on("federation_queue")
    .columns(["ordering_key", "id"])
    .execute();
}
