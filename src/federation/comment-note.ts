// The site's own approved comments on a federated review, as Notes from the blog actor
// ("Name wrote: …"), replying to the review's Article, to the comment they answer, or to the
// remote Note they answer, whose author is also mentioned and sent the Note. A publishing
// round sends Create for each newly approved comment and Delete for each sent one that is no
// longer shown; the Note is also served at its id (objects.ts).
import type { Context } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { Create, Delete, Mention, Note, PUBLIC_COLLECTION, Tombstone } from "@fedify/vocab";
import {
  commentNotesToRetract,
  commentNotesToSend,
  forgetCommentNote,
  markCommentNoteSent,
  type CommentAsNote,
} from "../domain/federation/comment-notes.ts";
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
  const remoteAuthor = comment.parent?.kind === "remote" ? new URL(comment.parent.actorUri) : null;
  return new Note({
    id: commentObjectUri(siteUrl, comment.id),
    attribution: ctx.getActorUri(slug),
    content: `<p><strong>${escapeHtml(comment.authorName)}</strong> wrote:</p>${comment.bodyHtml}`,
    url: new URL(`${reviewUrl(siteUrl, comment.reviewSlug)}#comment-${comment.id}`),
    published: Temporal.Instant.from(comment.createdAt),
    replyTarget: inReplyTo(siteUrl, comment),
    to: PUBLIC_COLLECTION,
    ccs: remoteAuthor ? [ctx.getFollowersUri(slug), remoteAuthor] : [ctx.getFollowersUri(slug)],
    tags: remoteAuthor ? [new Mention({ href: remoteAuthor })] : [],
  });
}

interface CommentPublishReport {
  created: number;
  deleted: number;
}

/** One round of comment Notes: Create for the newly approved, Delete for the withdrawn. */
export async function publishCommentNotes(
  blog: BlogFederation,
  siteUrl: string,
): Promise<CommentPublishReport> {
  const report: CommentPublishReport = { created: 0, deleted: 0 };
  const settings = await blog.settings();
  if (!settings.federationEnabled) return report;
  const slug = settings.federationSlug;
  const ctx = blog.context();
  const sender = { identifier: slug };
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
    await markCommentNoteSent(blog.db, comment.id, comment.reviewId);
    const options = { preferSharedInbox: true, orderingKey: note.id!.href };
    await ctx.sendActivity(sender, "followers", create, options);
    const parent = comment.parent;
    if (parent?.kind === "remote" && parent.actorInbox) {
      const recipient = { id: new URL(parent.actorUri), inboxId: new URL(parent.actorInbox) };
      await ctx.sendActivity(sender, recipient, create, options);
    }
    report.created++;
  }
  for (const commentId of await commentNotesToRetract(blog.db)) {
    const objectId = commentObjectUri(siteUrl, commentId);
    await forgetCommentNote(blog.db, commentId);
    await ctx.sendActivity(
      sender,
      "followers",
      new Delete({
        id: new URL(`${objectId.href}#delete/${Date.now()}`),
        actor,
        object: new Tombstone({ id: objectId }),
        tos: [PUBLIC_COLLECTION],
      }),
      { preferSharedInbox: true, orderingKey: objectId.href },
    );
    report.deleted++;
  }
  return report;
}
