// Which public reviews and posts have changed since the worker last looked: published (now or
// on schedule) or updated. Each worker round queues their outgoing Webmentions
// (src/domain/webmentions/mention-targets.ts). The mark of how far it has looked is one
// setting, moved forward with a compare-and-set so two app instances never scan the same
// stretch. While sending is off the mark still moves: turning it on later does not send for
// the whole back catalogue.
import type { Db } from "../../db/connect.ts";
import { postSubject, reviewSubject, type CommentSubject } from "../comment-subjects.ts";
import { isPublicPost } from "../posts-public.ts";
import { loadSettings } from "../settings.ts";
import { isPublicReview } from "../visibility.ts";
import { queueOutgoingMentions } from "./mention-targets.ts";

const markKey = "webmention.scannedThrough";

async function moveMark(db: Db, from: string | undefined, to: string): Promise<boolean> {
  if (from === undefined) {
    const inserted = await db.kysely
      .insertInto("settings")
      .values({ key: markKey, value: to })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const updated = await db.kysely
    .updateTable("settings")
    .set({ value: to })
    .where("key", "=", markKey)
    .where("value", "=", from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Queues the Webmentions of what changed since the last round; returns how many were queued. */
export async function queueChangedPages(db: Db, siteUrl: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const mark = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", markKey)
    .executeTakeFirst();
  const since = mark?.value;
  // The mark only moves forward; another instance may have taken this stretch already.
  if (since !== undefined && at <= since) return 0;
  if (!(await moveMark(db, since, at)) || since === undefined) return 0;
  if (!(await loadSettings(db)).sendWebmentions) return 0;
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select("reviews.id")
    .where(isPublicReview(at))
    // Half-open stretches [since, at): a change at the very instant of a mark is in one only.
    .where((eb) =>
      eb.or([
        eb.and([eb("reviews.updated_at", ">=", since), eb("reviews.updated_at", "<", at)]),
        eb.and([eb("reviews.published_at", ">=", since), eb("reviews.published_at", "<", at)]),
      ]),
    )
    .execute();
  const posts = await db.kysely
    .selectFrom("posts")
    .select("posts.id")
    .where(isPublicPost(at))
    .where((eb) =>
      eb.or([eb("posts.updated_at", ">", since), eb("posts.published_at", ">", since)]),
    )
    .execute();
  const subjects: CommentSubject[] = [
    ...reviews.map((r) => reviewSubject(r.id)),
    ...posts.map((p) => postSubject(p.id)),
  ];
  let queued = 0;
  for (const subject of subjects) queued += await queueOutgoingMentions(db, siteUrl, subject, now);
  return queued;
}
