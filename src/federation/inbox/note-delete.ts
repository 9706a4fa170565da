// Delete: the author deleted a reply that is a comment here (Mastodon sends the Note's id as
// a Tombstone). The comment goes to the trash, where moderation can still restore it. Only the
// actor who wrote the Note may delete it; a Delete of anything else is ignored here.
import type { InboxContext } from "@fedify/fedify";
import type { Delete } from "@fedify/vocab";
import { replyByNote, trashFediverseReply } from "../../domain/federation/fediverse-replies.ts";
import type { InboxDeps } from "./inbox-deps.ts";

export async function onDelete(deps: InboxDeps, _ctx: InboxContext<void>, deletion: Delete) {
  const objectId = deletion.objectId;
  if (!deletion.actorId || !objectId) return;
  const stored = await replyByNote(deps.db, objectId.href);
  if (!stored || stored.actorUri !== deletion.actorId.href) return;
  await trashFediverseReply(deps.db, stored.commentId);
}
