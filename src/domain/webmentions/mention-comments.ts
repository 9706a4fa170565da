// A verified Webmention as a comment in the target's thread: created through the same
// moderation rules as the comment form (held by default: a stranger's first comment waits),
// updated when the source changes, removed when the source is gone or no longer links.
// Replies and mentions show as comments marked as coming from the web; likes and reposts
// only as counts under the thread (src/domain/comment-pages.ts counts them).
import type { Db } from "../../db/connect.ts";
import { countLinks, renderCommentBody } from "../../content/comment-markdown.ts";
import { subjectOf, type CommentSubject } from "../comment-subjects.ts";
import { announce, commentById, createComment } from "../comments.ts";
import { decideStatus } from "../moderation/rules.ts";
import type { SiteSettings } from "../settings.ts";
import type { ParsedMention } from "./mention-parse.ts";

/** The body stored for a mention: its words, or nothing for a like or a repost. */
function bodyOf(mention: ParsedMention): string {
  return mention.kind === "like" || mention.kind === "repost" ? "" : mention.content;
}

/**
 * Creates the comment, or updates the one this mention made before; returns its id.
 * An update keeps the moderator's decision (an approved mention stays approved).
 */
export async function saveMentionComment(
  db: Db,
  input: {
    subject: CommentSubject;
    source: string;
    existingId: number | null;
    mention: ParsedMention;
    settings: SiteSettings;
  },
): Promise<number> {
  const { mention, source } = input;
  const body = bodyOf(mention);
  const existing = input.existingId === null ? undefined : await commentById(db, input.existingId);
  if (existing) {
    await db.kysely
      .updateTable("comments")
      .set({
        author_name: mention.authorName,
        author_url: mention.authorUrl,
        body_md: body,
        body_html: renderCommentBody(body),
        kind: mention.kind,
        source_url: source,
      })
      .where("id", "=", existing.id)
      .execute();
    if (existing.status === "approved") await announce(db, subjectOf(existing));
    return existing.id;
  }
  const decision = decideStatus(
    {
      body,
      name: mention.authorName,
      email: "",
      url: mention.authorUrl,
      ip: "",
      userAgent: "",
      linkCount: countLinks(renderCommentBody(body)),
      honeypot: "",
      fillMs: Number.MAX_SAFE_INTEGER,
      // A page on the web has no history here: the first-comment rule holds every one.
      knownCommenter: false,
    },
    input.settings,
  );
  const comment = await createComment(db, {
    subject: input.subject,
    name: mention.authorName,
    email: "",
    url: mention.authorUrl,
    body,
    status: decision.status,
    kind: mention.kind,
    sourceUrl: source,
    holdReason: `Webmention: ${decision.reason}`,
  });
  return comment.id;
}

/** The source is gone or no longer links: its comment goes, and pages showing it change. */
export async function removeMentionComment(db: Db, commentId: number | null): Promise<boolean> {
  if (commentId === null) return false;
  const existing = await commentById(db, commentId);
  if (!existing) return false;
  await db.kysely.deleteFrom("comments").where("id", "=", commentId).execute();
  if (existing.status === "approved") await announce(db, subjectOf(existing));
  return true;
}
