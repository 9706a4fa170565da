// Like and Announce (a boost) of one of the blog's reviews: counted once per account, never
// from a blocked account or server, and only for a review the public can see. Their Undo is
// in undo.ts. Activities about anything else (a boost of someone else's post that reached the
// shared inbox, say) are ignored.
import type { InboxContext } from "@fedify/fedify";
import type { Announce, Like } from "@fedify/vocab";
import type { ReactionKind } from "../../db/schema.ts";
import { isBlocked } from "../../domain/federation/followers.ts";
import { addReaction } from "../../domain/federation/reactions.ts";
import { nowIso } from "../../domain/time.ts";
import { publishedReviews } from "../../domain/visibility.ts";
import { reviewIdOfObject } from "../review-article.ts";
import type { InboxDeps } from "./inbox-deps.ts";

async function onReaction(
  deps: InboxDeps,
  ctx: InboxContext<void>,
  activity: Like | Announce,
  kind: ReactionKind,
): Promise<void> {
  // Fedify checked that the signature is the actor's own.
  if (!activity.id || !activity.actorId) return;
  const reviewId = reviewIdOfObject(ctx.origin, activity.objectId);
  if (reviewId === undefined) return;
  const actorUri = activity.actorId.href;
  if (await isBlocked(deps.db, actorUri)) return;
  const visible = await publishedReviews(deps.db, nowIso())
    .select("id")
    .where("id", "=", reviewId)
    .executeTakeFirst();
  if (!visible) return;
  await addReaction(deps.db, { reviewId, kind, actorUri, activityId: activity.id.href });
}

export const onLike = (deps: InboxDeps, ctx: InboxContext<void>, like: Like) =>
  onReaction(deps, ctx, like, "like");

export const onAnnounce = (deps: InboxDeps, ctx: InboxContext<void>, announce: Announce) =>
  onReaction(deps, ctx, announce, "boost");
