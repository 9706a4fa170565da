// Writers' own fediverse actors: each writer may turn on @USERNAME@host, a Person attributed
// on their reviews and followed like the blog (src/federation/writer-actor.ts draws it). Off
// for each writer until they turn it on in their account, and off for everyone when the owner
// turns the feature off in the fediverse settings. The username is the writer's choice, unique
// among writers and never the blog's own handle.
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../time.ts";
import { actorSlugPattern } from "./federation-settings.ts";

interface WriterActorSettings {
  username: string;
  enabled: boolean;
  bio: string;
}

/** A writer whose actor answers: what the Person shows. */
export interface WriterActor {
  userId: number;
  username: string;
  displayName: string;
  bio: string;
}

/** The writer's actor settings, or none yet. */
export async function writerActorSettings(
  db: Db,
  userId: number,
): Promise<WriterActorSettings | undefined> {
  const row = await db.kysely
    .selectFrom("federation_writers")
    .select(["username", "enabled", "bio"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { username: row.username, enabled: row.enabled === 1, bio: row.bio } : undefined;
}

type WriterActorOutcome = { ok: true } | { ok: false; field: "username"; message: string };

/** Saves the writer's choice; a username taken by another writer or by the blog is refused. */
export async function saveWriterActorSettings(
  db: Db,
  userId: number,
  input: WriterActorSettings,
  blogSlug: string,
): Promise<WriterActorOutcome> {
  const username = input.username.trim().toLowerCase();
  if (!actorSlugPattern.test(username)) {
    return {
      ok: false,
      field: "username",
      message: "Use 1 to 30 lower-case letters, digits or underscores.",
    };
  }
  const taken = await db.kysely
    .selectFrom("federation_writers")
    .select("user_id")
    .where("username", "=", username)
    .where("user_id", "<>", userId)
    .executeTakeFirst();
  if (taken || username === blogSlug) {
    return { ok: false, field: "username", message: "That name is taken here; choose another." };
  }
  const values = { username, enabled: input.enabled ? 1 : 0, bio: input.bio.trim() };
  await db.kysely
    .insertInto("federation_writers")
    .values({ user_id: userId, created_at: nowIso(), ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
  return { ok: true };
}

/** The writer answering to this username (or with this user id), when their actor is on. */
export async function enabledWriterActor(
  db: Db,
  who: string | number,
): Promise<WriterActor | undefined> {
  const row = await db.kysely
    .selectFrom("federation_writers")
    .innerJoin("users", "users.id", "federation_writers.user_id")
    .select([
      "federation_writers.user_id as userId",
      "federation_writers.username as username",
      "federation_writers.bio as bio",
      "users.display_name as displayName",
    ])
    .where(
      typeof who === "number" ? "federation_writers.user_id" : "federation_writers.username",
      "=",
      who,
    )
    .where("federation_writers.enabled", "=", 1)
    .executeTakeFirst();
  return row;
}

/** The user id behind a writer's username, on or off (for rotating keys from the CLI). */
export async function writerIdByUsername(db: Db, username: string): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom("federation_writers")
    .select("user_id")
    .where("username", "=", username)
    .executeTakeFirst();
  return row?.user_id;
}

/** The usernames of writers by user id, for the admin's followers list. */
export async function writerUsernames(db: Db): Promise<Map<number, string>> {
  const rows = await db.kysely
    .selectFrom("federation_writers")
    .select(["user_id", "username"])
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.username]));
}
