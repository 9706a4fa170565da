// The site's own approved comments on a federated review, as Notes from the blog actor
// ("Name wrote: …"), replying to the review's Article, to the comment they answer, or to the
// remote Note they answer, whose author is also mentioned and sent the Note (and every later
// Update and Delete of it, follower or not). A publishing round sends Create for each newly
// approved comment, Update for each sent one edited since, and Delete for each sent one that is
// no longer shown; the Note is also served at its id (objects.ts).
import type { Context } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { Create, Mention, Note, PUBLIC_COLLECTION, Update, type Activity } from "@fedify/vocab";
import { retraction } from "./retraction.ts";
import {
  claimCommentNoteUpdate,
  commentNotesToRetract,
  commentNotesToSend,
  commentNotesToUpdate,
  forgetCommentNote,
  markCommentNoteSent,
  type CommentAsNote,
} from "../domain/federation/comment-notes.ts";
import { nowIso } from "../domain/time.ts";
import { reviewUrl } from "../feeds/site-urls.ts";
import type { BlogFederation } from "./federation.ts";
import { escapeHtml } from "./html.ts";
import { reviewObjectUri } from "./review-article.ts";

/** The Note's id: stable for the comment. */
function commentObjectUri(siteUrl: string, commentId: number): URL {
  return new URL(`${siteUrl}/ap/comment/${commentId}`);
}

function inReplyTo(siteUrl: string, comment: CommentAsNote): URL {
  if (comment.parent?.kind === "remote") return new URL(comment.parent.noteId);
  if (comment.parent?.kind === "local") return commentObjectUri(siteUrl, comment.parent.commentId);
  return reviewObjectUri(siteUrl, comment.reviewId);
}

export function commentNote(
  ctx: Context<void>,
  slug: string,
  siteUrl: string,
  comment: CommentAsNote,
): Note {
  const remote = comment.parent?.kind === "remote" ? comment.parent : null;
  const remoteAuthor = remote ? new URL(remote.actorUri) : null;
  return new Note({
    id: commentObjectUri(siteUrl, comment.id),
    attribution: ctx.getActorUri(slug),
    content: `<p><strong>${escapeHtml(comment.authorName)}</strong> wrote:</p>${comment.bodyHtml}`,
    url: new URL(`${reviewUrl(siteUrl, comment.reviewSlug)}#comment-${comment.id}`),
    published: Temporal.Instant.from(comment.createdAt),
    // Mastodon applies an Update only to a Note whose `updated` is newer than the last.
    updated: comment.editedAt ? Temporal.Instant.from(comment.editedAt) : null,
    replyTarget: inReplyTo(siteUrl, comment),
    to: PUBLIC_COLLECTION,
    ccs: remoteAuthor ? [ctx.getFollowersUri(slug), remoteAuthor] : [ctx.getFollowersUri(slug)],
    tags: remoteAuthor
      ? [new Mention({ href: remoteAuthor, name: remote?.actorHandle ?? null })]
      : [],
  });
}

interface CommentPublishReport {
  created: number;
  updated: number;
  deleted: number;
}

/** Who is sent an activity about a comment: the followers, and the remote author it answers. */
async function sendToReaders(
  ctx: Context<void>,
  slug: string,
  activity: Activity,
  addressee: { actor: string | null; inbox: string | null },
  orderingKey: string,
): Promise<void> {
  const sender = { identifier: slug };
  const options = { preferSharedInbox: true, orderingKey };
  await ctx.sendActivity(sender, "followers", activity, options);
  if (addressee.actor && addressee.inbox) {
    const recipient = { id: new URL(addressee.actor), inboxId: new URL(addressee.inbox) };
    await ctx.sendActivity(sender, recipient, activity, options);
  }
}

function addresseeOf(comment: CommentAsNote) {
  return comment.parent?.kind === "remote"
    ? { actor: comment.parent.actorUri, inbox: comment.parent.actorInbox }
    : { actor: null, inbox: null };
}

/**
 * One round of comment Notes: Create for the newly approved, Update for the edited since
 * they went out (once per edit), Delete for the withdrawn.
 */
export async function publishCommentNotes(
  blog: BlogFederation,
  siteUrl: string,
): Promise<CommentPublishReport> {
  const report: CommentPublishReport = { created: 0, updated: 0, deleted: 0 };
  const settings = await blog.settings();
  if (!settings.federationEnabled) return report;
  const slug = settings.federationSlug;
  const ctx = blog.context();
  const actor = ctx.getActorUri(slug);
  for (const comment of await commentNotesToSend(blog.db)) {
    const note = commentNote(ctx, slug, siteUrl, comment);
    const create = new Create({
      id: new URL(`${note.id!.href}#create`),
      actor,
      object: note,
      tos: note.toIds,
      ccs: note.ccIds,
    });
    // Recorded first, as reviews are: the queue holds the deliveries from here on.
    await markCommentNoteSent(blog.db, comment);
    await sendToReaders(ctx, slug, create, addresseeOf(comment), note.id!.href);
    report.created++;
  }
  for (const comment of await commentNotesToUpdate(blog.db)) {
    const editedAt = nowIso();
    // Claimed first: of two rounds that read the same edit, one sends it.
    if (!(await claimCommentNoteUpdate(blog.db, comment, editedAt))) continue;
    const note = commentNote(ctx, slug, siteUrl, { ...comment, editedAt });
    const update = new Update({
      id: new URL(`${note.id!.href}#update/${encodeURIComponent(editedAt)}`),
      actor,
      object: note,
      tos: note.toIds,
      ccs: note.ccIds,
    });
    await sendToReaders(ctx, slug, update, addresseeOf(comment), note.id!.href);
    report.updated++;
  }
  for (const retracted of await commentNotesToRetract(blog.db)) {
    const objectId = commentObjectUri(siteUrl, retracted.id);
    await forgetCommentNote(blog.db, retracted.id);
    const remove = retraction(objectId, actor);
    const addressee = { actor: retracted.addresseeActor, inbox: retracted.addresseeInbox };
    await sendToReaders(ctx, slug, remove, addressee, objectId.href);
    report.deleted++;
  }
  return report;
}
