// Commenter sign-in (issue 6): the accounts readers sign in with, their sessions, the sign-ins
// under way (with the comment typed before leaving for the provider), and the apps this site
// registered on Mastodon instances. All in the database, so the request that starts a sign-in
// and the one that finishes it may reach different app instances.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("commenter_identities")
    .addColumn("id", id.type, id.build)
    /** A provider key of src/domain/sign-in-providers/presets.ts. */
    .addColumn("provider", "text", (c) => c.notNull())
    /** The provider's id for the account (for Mastodon, `ID@instance`). */
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    /** "" when the provider gives none. Never shown. */
    .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
    /** Path under /media of the copy made at sign-in; "" for the drawn avatar. */
    .addColumn("avatar_path", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("profile_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("commenter_identities_provider_subject", ["provider", "subject"])
    .execute();

  await db.schema
    .createTable("commenter_sessions")
    /** SHA-256 (hex) of the random token in the cookie: a stolen table signs nobody in. */
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identity_id", "integer", (c) =>
      c.notNull().references("commenter_identities.id").onDelete("cascade"),
    )
    /**
     * The comment typed before signing in, JSON with the page it belongs to; "" once posted.
     * It comes back in the form after the round trip to the provider.
     */
    .addColumn("draft", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("commenter_sessions_expires")
    .on("commenter_sessions")
    .column("expires_at")
    .execute();

  await db.schema
    .createTable("pending_sign_ins")
    /** The OAuth `state`: random, single use. */
    .addColumn("state", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    /** OpenID Connect only; "" otherwise. */
    .addColumn("nonce", "text", (c) => c.notNull().defaultTo(""))
    /** A path on this site, checked before it is stored. */
    .addColumn("return_path", "text", (c) => c.notNull())
    /** The comment form as it was when the reader left, JSON. */
    .addColumn("draft", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("pending_sign_ins_expires")
    .on("pending_sign_ins")
    .column("expires_at")
    .execute();

  await db.schema
    .createTable("mastodon_apps")
    .addColumn("id", id.type, id.build)
    /** The instance's origin, such as https://mastodon.social. */
    .addColumn("instance", "text", (c) => c.notNull())
    /** The app is registered for one callback address: a new SITE_URL needs a new app. */
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mastodon_apps_instance_redirect", ["instance", "redirect_uri"])
    .execute();
}
