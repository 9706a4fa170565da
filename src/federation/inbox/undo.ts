// Undo: takes back an earlier activity. The kinds it can take back are listed in `undoers`
// by the activity's type: Follow (the follower is removed), Like and Announce (the count
// drops).
import type { InboxContext } from "@fedify/fedify";
import { Announce, Follow, Like, Undo, type Activity } from "@fedify/vocab";
import { removeFollower } from "../../domain/federation/followers.ts";
import { removeReaction } from "../../domain/federation/reactions.ts";
import { reviewIdOfObject } from "../review-article.ts";
import type { InboxDeps } from "./inbox-deps.ts";

type Undoer = (
  deps: InboxDeps,
  actorUri: string,
  undone: Activity,
  ctx: InboxContext<void>,
) => Promise<void>;

const undoReaction =
  (kind: "like" | "boost"): Undoer =>
  async (deps, actorUri, undone, ctx) => {
    await removeReaction(deps.db, kind, actorUri, {
      activityId: undone.id?.href,
      reviewId: reviewIdOfObject(ctx.origin, undone.objectId),
    });
  };

const undoers: { type: new (...args: never[]) => Activity; undo: Undoer }[] = [
  {
    type: Follow,
    undo: async (deps, actorUri, undone) => {
      await removeFollower(deps.db, actorUri, undone.id?.href);
    },
  },
  { type: Like, undo: undoReaction("like") },
  { type: Announce, undo: undoReaction("boost") },
];

export async function onUndo(deps: InboxDeps, ctx: InboxContext<void>, undo: Undo) {
  if (!undo.actorId) return;
  const undone = await undo.getObject(ctx);
  // Only the actor who did it may take it back.
  const entry = undoers.find((u) => undone instanceof u.type);
  if (!entry || (undone as Activity).actorId?.href !== undo.actorId.href) return;
  await entry.undo(deps, undo.actorId.href, undone as Activity, ctx);
}
