// Likes and boosts of reviews from the fediverse: recorded by the inbox listeners
// (src/federation/inbox/like.ts, announce.ts), taken back by Undo, counted on the review page,
// listed by name only in the admin. Each change drops the review's cached page.
import type { Db } from "../../db/connect.ts";
import type { ReactionKind } from "../../db/schema.ts";
import { recordChange } from "../changes.ts";
import { nowIso } from "../time.ts";

export interface ReactionCounts {
  likes: number;
  boosts: number;
}

interface NewReaction {
  reviewId: number;
  kind: ReactionKind;
  actorUri: string;
  activityId: string;
}

/** The review's page shows the counts: its cached copy must go. */
async function dropReviewPages(db: Db, reviewIds: number[]): Promise<void> {
  if (reviewIds.length === 0) return;
  const rows = await db.kysely
    .selectFrom("reviews")
    .select("slug")
    .where("id", "in", reviewIds)
    .execute();
  await recordChange(
    db,
    rows.map((r) => `review:${r.slug}` as const),
  );
}

/** Records a like or boost; the same actor doing it again changes nothing. */
export async function addReaction(db: Db, reaction: NewReaction): Promise<boolean> {
  const inserted = await db.kysely
    .insertInto("federation_reactions")
    .values({
      review_id: reaction.reviewId,
      kind: reaction.kind,
      actor_uri: reaction.actorUri,
      // An actor id Fedify parsed: always a URL. Lower case, as server blocks are.
      host: new URL(reaction.actorUri).hostname.toLowerCase(),
      activity_id: reaction.activityId,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["review_id", "kind", "actor_uri"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) await dropReviewPages(db, [reaction.reviewId]);
  return inserted !== undefined;
}

/**
 * Takes back the actor's like or boost named by the Undo: by the activity's id, or, when a
 * server sends the Undo with only the object, by the review it named.
 */
export async function removeReaction(
  db: Db,
  kind: ReactionKind,
  actorUri: string,
  undone: { activityId?: string | undefined; reviewId?: number | undefined },
): Promise<boolean> {
  if (!undone.activityId && undone.reviewId === undefined) return false;
  const removed = await db.kysely
    .deleteFrom("federation_reactions")
    .where("kind", "=", kind)
    .where("actor_uri", "=", actorUri)
    .where((eb) =>
      eb.or([
        ...(undone.activityId ? [eb("activity_id", "=", undone.activityId)] : []),
        ...(undone.reviewId !== undefined ? [eb("review_id", "=", undone.reviewId)] : []),
      ]),
    )
    .returning("review_id")
    .execute();
  await dropReviewPages(db, [...new Set(removed.map((r) => r.review_id))]);
  return removed.length > 0;
}

/** A block: everything the actor (or every actor of the server) did goes. */
export async function removeReactionsOf(
  db: Db,
  block: { kind: "actor" | "server"; value: string },
): Promise<number> {
  const removed = await db.kysely
    .deleteFrom("federation_reactions")
    .where(block.kind === "server" ? "host" : "actor_uri", "=", block.value)
    .returning("review_id")
    .execute();
  await dropReviewPages(db, [...new Set(removed.map((r) => r.review_id))]);
  return removed.length;
}

export async function reactionCounts(db: Db, reviewId: number): Promise<ReactionCounts> {
  const row = await db.kysely
    .selectFrom("federation_reactions")
    .select([
      (eb) => eb.fn.count<string | number>("id").filterWhere("kind", "=", "like").as("likes"),
      (eb) => eb.fn.count<string | number>("id").filterWhere("kind", "=", "boost").as("boosts"),
    ])
    .where("review_id", "=", reviewId)
    .executeTakeFirstOrThrow();
  return { likes: Number(row.likes), boosts: Number(row.boosts) };
}

/** The latest likes and boosts with who made them and of which review: for the owner only. */
export async function recentReactions(db: Db, limit = 100) {
  return db.kysely
    .selectFrom("federation_reactions")
    .innerJoin("reviews", "reviews.id", "federation_reactions.review_id")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select([
      "federation_reactions.id as id",
      "federation_reactions.kind as kind",
      "federation_reactions.actor_uri as actorUri",
      "federation_reactions.created_at as createdAt",
      "reviews.slug as reviewSlug",
      "films.title as filmTitle",
      "films.year as filmYear",
    ])
    .orderBy("federation_reactions.id", "desc")
    .limit(limit)
    .execute();
}

export type RecentReaction = Awaited<ReturnType<typeof recentReactions>>[number];
