// Update(Note): the author edited a reply that is a comment here; the comment's words change
// and the moderator's decision stands. Only the actor who wrote the Note may edit it, and the
// Note is read through Fedify's getObject (refetched from its own origin if it is foreign).
import type { InboxContext } from "@fedify/fedify";
import { Note, type Update } from "@fedify/vocab";
import { sanitizeCommentHtml } from "../../content/comment-markdown.ts";
import { editFediverseReply, replyByNote } from "../../domain/federation/fediverse-replies.ts";
import type { InboxDeps } from "./inbox-deps.ts";
import { trustedObject } from "./reply.ts";

export async function onUpdate(deps: InboxDeps, ctx: InboxContext<void>, update: Update) {
  if (!update.actorId) return;
  const note = await trustedObject(ctx, update);
  if (!(note instanceof Note) || !note.id) return;
  const stored = await replyByNote(deps.db, note.id.href);
  if (!stored || stored.actorUri !== update.actorId.href) return;
  if (note.attributionId?.href !== update.actorId.href) return;
  await editFediverseReply(
    deps.db,
    stored.commentId,
    sanitizeCommentHtml(note.content?.toString() ?? ""),
  );
}
