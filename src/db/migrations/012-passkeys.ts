// Passkeys (WebAuthn credentials) for admin accounts, and the one-time challenges of the
// ceremonies that create and use them. Challenges live in the database, not in memory, so
// that the request that asks for one and the request that answers it may reach different
// app instances.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("passkeys")
    .addColumn("id", id.type, id.build)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** The credential's id as the browser gives it: base64url. */
    .addColumn("credential_id", "text", (c) => c.notNull().unique())
    /** The COSE public key, base64url: text rather than a blob, the same on both databases. */
    .addColumn("public_key", "text", (c) => c.notNull())
    /** The authenticator's signature counter is an unsigned 32-bit number: too big for int4. */
    .addColumn("counter", "bigint", (c) => c.notNull().defaultTo(0))
    /** Comma-separated transports ("internal,hybrid"), hints for the browser. */
    .addColumn("transports", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("name", "text", (c) => c.notNull())
    /** 1 when the passkey is synced between devices (a "multi-device" credential). */
    .addColumn("backed_up", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("passkeys_user").on("passkeys").column("user_id").execute();

  await db.schema
    .createTable("webauthn_challenges")
    /** The challenge itself, base64url: random, and found again in the browser's answer. */
    .addColumn("challenge", "text", (c) => c.primaryKey())
    /** `register` (adding a passkey to user_id's account) or `sign-in`. */
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webauthn_challenges_expires")
    .on("webauthn_challenges")
    .column("expires_at")
    .execute();
}
