// Undo: takes back an earlier activity. The kinds it can take back are listed in `undoers`
// by the activity's type; Follow is the first (the follower is removed). Likes and boosts add
// theirs here when they come.
import type { InboxContext } from "@fedify/fedify";
import { Follow, Undo, type Activity } from "@fedify/vocab";
import { removeFollower } from "../../domain/federation/followers.ts";
import type { InboxDeps } from "./inbox-deps.ts";

type Undoer = (deps: InboxDeps, actorUri: string, undone: Activity) => Promise<void>;

const undoers: { type: new (...args: never[]) => Activity; undo: Undoer }[] = [
  {
    type: Follow,
    undo: async (deps, actorUri, undone) => {
      await removeFollower(deps.db, actorUri, undone.id?.href);
    },
  },
];

export async function onUndo(deps: InboxDeps, ctx: InboxContext<void>, undo: Undo) {
  if (!undo.actorId) return;
  const undone = await undo.getObject(ctx);
  // Only the actor who did it may take it back.
  const entry = undoers.find((u) => undone instanceof u.type);
  if (!entry || (undone as Activity).actorId?.href !== undo.actorId.href) return;
  await entry.undo(deps, undo.actorId.href, undone as Activity);
}
