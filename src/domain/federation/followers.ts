// The accounts that follow the blog from the fediverse, and the actors and servers the owner
// has blocked (a block also takes back their likes and boosts). Inbox listeners
// (src/federation/inbox/) write here; the admin reads and prunes; delivery reads the inboxes.
// `isBlocked` is the one check every listener makes first.
import type { Selectable } from "kysely";
import type { Db } from "../../db/connect.ts";
import type {
  FederationBlockKind,
  FederationBlocksTable,
  FederationFollowersTable,
  FollowerStatus,
} from "../../db/schema.ts";
import { nowIso } from "../time.ts";
import { removeReactionsOf } from "./reactions.ts";

export type Follower = Selectable<FederationFollowersTable>;
export type Block = Selectable<FederationBlocksTable>;

interface NewFollower {
  actorUri: string;
  handle: string | null;
  name: string | null;
  inboxUri: string;
  sharedInboxUri: string | null;
  followId: string | null;
  status: FollowerStatus;
  /** The local actor followed: 0 (or absent) for the blog, else the writer's user id. */
  writerId?: number;
}

/** The host of an actor's address, lower case; "" when it is not a URL. */
export function hostOf(uri: string): string {
  try {
    return new URL(uri).hostname.toLowerCase();
  } catch {
    return "";
  }
}

/** Records a follower, or refreshes one that follows again (a new Follow, new inboxes). */
export async function saveFollower(db: Db, follower: NewFollower): Promise<void> {
  const values = {
    host: hostOf(follower.actorUri),
    handle: follower.handle,
    name: follower.name,
    inbox_uri: follower.inboxUri,
    shared_inbox_uri: follower.sharedInboxUri,
    follow_id: follower.followId,
    status: follower.status,
  };
  const writerId = follower.writerId ?? 0;
  await db.kysely
    .insertInto("federation_followers")
    .values({ actor_uri: follower.actorUri, writer_id: writerId, created_at: nowIso(), ...values })
    .onConflict((oc) => oc.columns(["actor_uri", "writer_id"]).doUpdateSet(values))
    .execute();
}

/** The account following the blog (or, with `writerId`, that writer's actor). */
export async function followerByActor(
  db: Db,
  actorUri: string,
  writerId = 0,
): Promise<Follower | undefined> {
  return db.kysely
    .selectFrom("federation_followers")
    .selectAll()
    .where("actor_uri", "=", actorUri)
    .where("writer_id", "=", writerId)
    .executeTakeFirst();
}

export async function followerById(db: Db, id: number): Promise<Follower | undefined> {
  return db.kysely
    .selectFrom("federation_followers")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Removes the follower; with `followId`, only if that Follow is the one on record. */
export async function removeFollower(
  db: Db,
  actorUri: string,
  followId?: string,
): Promise<boolean> {
  let query = db.kysely.deleteFrom("federation_followers").where("actor_uri", "=", actorUri);
  if (followId) query = query.where("follow_id", "=", followId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes one follower row (one account following one local actor). */
export async function removeFollowerById(db: Db, id: number): Promise<void> {
  await db.kysely.deleteFrom("federation_followers").where("id", "=", id).execute();
}

/** A server answered 410 Gone for these inboxes: everyone reached through them is gone. */
export async function removeFollowersAtInboxes(db: Db, inboxes: string[]): Promise<number> {
  if (inboxes.length === 0) return 0;
  const result = await db.kysely
    .deleteFrom("federation_followers")
    .where((eb) => eb.or([eb("inbox_uri", "in", inboxes), eb("shared_inbox_uri", "in", inboxes)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setFollowerStatus(db: Db, id: number, status: FollowerStatus): Promise<void> {
  await db.kysely
    .updateTable("federation_followers")
    .set({ status })
    .where("id", "=", id)
    .execute();
}

interface FollowerCounts {
  accepted: number;
  pending: number;
}

/** The blog's followers (or, with `writerId`, that writer's), accepted and held. */
export async function followerCounts(db: Db, writerId = 0): Promise<FollowerCounts> {
  const row = await db.kysely
    .selectFrom("federation_followers")
    .where("writer_id", "=", writerId)
    .select([
      (eb) =>
        eb.fn.count<string | number>("id").filterWhere("status", "=", "accepted").as("accepted"),
      (eb) =>
        eb.fn.count<string | number>("id").filterWhere("status", "=", "pending").as("pending"),
    ])
    .executeTakeFirstOrThrow();
  return { accepted: Number(row.accepted), pending: Number(row.pending) };
}

/** A page of followers, newest first. */
export async function listFollowers(
  db: Db,
  options: { status?: FollowerStatus; limit?: number; offset?: number } = {},
): Promise<Follower[]> {
  let query = db.kysely
    .selectFrom("federation_followers")
    .selectAll()
    .orderBy("id", "desc")
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
  if (options.status) query = query.where("status", "=", options.status);
  return query.execute();
}

/**
 * The accepted followers of the blog (or, with `writerId`, of that writer's actor) and their
 * inboxes; Fedify delivers once per inbox, preferring shared ones.
 */
export async function acceptedFollowerInboxes(
  db: Db,
  writerId = 0,
): Promise<{ actorUri: string; inbox: string; sharedInbox: string | null }[]> {
  const rows = await db.kysely
    .selectFrom("federation_followers")
    .select(["actor_uri", "inbox_uri", "shared_inbox_uri"])
    .where("status", "=", "accepted")
    .where("writer_id", "=", writerId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    actorUri: r.actor_uri,
    inbox: r.inbox_uri,
    sharedInbox: r.shared_inbox_uri,
  }));
}

/**
 * Blocks an actor (its URI) or a server (a host name); its follows, likes and boosts are
 * removed at once.
 */
export async function addBlock(db: Db, kind: FederationBlockKind, value: string): Promise<void> {
  const normalized = kind === "server" ? value.trim().toLowerCase() : value.trim();
  await db.kysely
    .insertInto("federation_blocks")
    .values({ kind, value: normalized, created_at: nowIso() })
    .onConflict((oc) => oc.columns(["kind", "value"]).doNothing())
    .execute();
  const remove = db.kysely.deleteFrom("federation_followers");
  await (
    kind === "server"
      ? remove.where("host", "=", normalized)
      : remove.where("actor_uri", "=", normalized)
  ).execute();
  await removeReactionsOf(db, { kind, value: normalized });
}

export async function removeBlock(db: Db, id: number): Promise<void> {
  await db.kysely.deleteFrom("federation_blocks").where("id", "=", id).execute();
}

export async function listBlocks(db: Db): Promise<Block[]> {
  return db.kysely.selectFrom("federation_blocks").selectAll().orderBy("id", "desc").execute();
}

/** Whether this actor, or the server it lives on, is blocked. Every inbox listener asks. */
export async function isBlocked(db: Db, actorUri: string): Promise<boolean> {
  const host = hostOf(actorUri);
  const row = await db.kysely
    .selectFrom("federation_blocks")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "actor"), eb("value", "=", actorUri)]),
        eb.and([eb("kind", "=", "server"), eb("value", "=", host)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}
