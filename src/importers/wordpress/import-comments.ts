// A post's comments, with their threads, statuses and kinds (pingbacks and trackbacks stay
// what they are). Comments already brought in by an earlier run are recognised and left
// alone; new ones are added. Imported comments are history: they send no mail.
import type { Db } from "../../db/connect.ts";
import type { CommentKind, CommentStatus } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { renderCommentBody } from "../../content/comment-markdown.ts";
import { importedIds, recordImported } from "../../domain/import-items.ts";
import { nowIso } from "../../domain/time.ts";
import { commentHtmlToMarkdown } from "./comment-html.ts";
import { decodeEntities } from "./review-post.ts";
import type { WxrComment } from "./wxr-types.ts";
import { wordpressDate } from "./wordpress-date.ts";

const statusOf: Record<string, CommentStatus> = {
  "1": "approved",
  "0": "pending",
  spam: "spam",
  trash: "trash",
  "post-trashed": "trash",
};

function kindOf(type: string): CommentKind {
  return type === "pingback" || type === "trackback" ? type : "comment";
}

/** Adds the comments not yet imported; returns counts by what was added. */
export async function importComments(
  db: Db,
  source: string,
  reviewId: number,
  comments: WxrComment[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (comments.length === 0) return counts;
  return inTransaction(db, async (trx) => {
    const known = await importedIds(
      trx,
      source,
      "comment",
      comments.map((c) => c.id),
    );
    // WordPress numbers replies after what they reply to; in that order, parents come first.
    const ordered = [...comments].sort((a, b) => Number(a.id) - Number(b.id));
    const added: { externalId: string; localId: number }[] = [];
    const orphans: { localId: number; parentExternalId: string }[] = [];
    for (const comment of ordered) {
      if (known.has(comment.id)) continue;
      const status = statusOf[comment.approved] ?? "pending";
      const kind = kindOf(comment.type);
      const createdAt = wordpressDate(comment.dateGmt) ?? wordpressDate(comment.date) ?? nowIso();
      const parentExternal =
        comment.parentId && comment.parentId !== "0" ? comment.parentId : undefined;
      const parentId = parentExternal ? known.get(parentExternal) : undefined;
      const body = commentHtmlToMarkdown(comment.content);
      const row = await trx.kysely
        .insertInto("comments")
        .values({
          review_id: reviewId,
          parent_id: parentId ?? null,
          author_name: decodeEntities(comment.author).trim() || "Anonymous",
          author_email: comment.email.trim().toLowerCase(),
          author_url: /^https?:\/\//i.test(comment.url.trim()) ? comment.url.trim() : null,
          body_md: body,
          body_html: renderCommentBody(body),
          status,
          kind,
          ip: comment.ip,
          created_at: createdAt,
          approved_at: status === "approved" ? createdAt : null,
          prior_status: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      known.set(comment.id, row.id);
      added.push({ externalId: comment.id, localId: row.id });
      if (parentExternal && parentId === undefined) {
        orphans.push({ localId: row.id, parentExternalId: parentExternal });
      }
      const what = kind === "comment" ? `comments (${status})` : `${kind}s (${status})`;
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    // A reply met before its parent (ids out of order) is linked once the parent is in.
    for (const orphan of orphans) {
      const parentId = known.get(orphan.parentExternalId);
      if (parentId === undefined) continue;
      await trx.kysely
        .updateTable("comments")
        .set({ parent_id: parentId })
        .where("id", "=", orphan.localId)
        .execute();
    }
    await recordImported(trx, source, "comment", added);
    return counts;
  });
}
