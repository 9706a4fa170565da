// The blog's inboxes (its own and the shared one) and the listener for each activity kind.
// Fedify verifies every POST's HTTP signature (and Object Integrity Proofs) before a listener
// runs; nothing here turns that off.
import type { Federation } from "@fedify/fedify";
import { Announce, Create, Delete, Follow, Like, Undo, Update } from "@fedify/vocab";
import { onFollow } from "./follow.ts";
import type { InboxDeps } from "./inbox-deps.ts";
import { onAnnounce, onLike } from "./inbox-reactions.ts";
import { onDelete } from "./note-delete.ts";
import { onUpdate } from "./note-update.ts";
import { onCreate } from "./reply.ts";
import { onUndo } from "./undo.ts";

const inboxPath = "/ap/inbox/{identifier}";
const sharedInboxPath = "/ap/inbox";

export function registerInboxListeners(federation: Federation<void>, deps: InboxDeps): void {
  federation
    .setInboxListeners(inboxPath, sharedInboxPath)
    .on(Follow, (ctx, activity) => onFollow(deps, ctx, activity))
    .on(Undo, (ctx, activity) => onUndo(deps, ctx, activity))
    .on(Like, (ctx, activity) => onLike(deps, ctx, activity))
    .on(Announce, (ctx, activity) => onAnnounce(deps, ctx, activity))
    .on(Create, (ctx, activity) => onCreate(deps, ctx, activity))
    .on(Update, (ctx, activity) => onUpdate(deps, ctx, activity))
    .on(Delete, (ctx, activity) => onDelete(deps, ctx, activity))
    .onError((_ctx, error) => deps.logger.warn({ err: error }, "inbox activity failed"));
}
