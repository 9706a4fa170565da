// Publishing to followers: every few seconds, reviews that went public (now or at their
// scheduled time) go out as Create(Article), edited ones as Update, and ones no longer public
// as Delete; approved comments on them follow as Notes (comment-note.ts), and a changed
// profile as Update(Person) (profile-update.ts). Fedify fans each
// activity out through the database queue, one delivery per inbox (shared inboxes
// preferred), retried with backoff while a server is down. Each send is claimed first with a
// compare-and-set in the database (claimReviewSend), so app instances sharing a database and
// running rounds at the same moment fan a review out once.
import { Create, Delete, Tombstone, Update } from "@fedify/vocab";
import type { Logger } from "pino";
import {
  claimReviewRetraction,
  claimReviewSend,
  reviewsToRetract,
  reviewsToSend,
} from "../domain/federation/review-federation.ts";
import { nowIso } from "../domain/time.ts";
import { publishCommentNotes } from "./comment-note.ts";
import { publishProfileUpdate } from "./profile-update.ts";
import type { BlogFederation } from "./federation.ts";
import { reviewArticle, reviewObjectUri } from "./review-article.ts";
import { startRepeatingRounds, type RepeatingRounds } from "../domain/repeating-rounds.ts";

interface PublishReport {
  created: number;
  updated: number;
  deleted: number;
}

/** One round, now; tests call it instead of waiting for the timer. */
export async function publishDueReviews(
  blog: BlogFederation,
  siteUrl: string,
  now = nowIso(),
): Promise<PublishReport> {
  const report: PublishReport = { created: 0, updated: 0, deleted: 0 };
  const settings = await blog.settings();
  if (!settings.federationEnabled) return report;
  const slug = settings.federationSlug;
  const ctx = blog.context();
  const sender = { identifier: slug };
  const actor = ctx.getActorUri(slug);
  for (const review of await reviewsToSend(blog.db, now)) {
    const article = reviewArticle(ctx, slug, siteUrl, review);
    const stamp = encodeURIComponent(review.updatedAt);
    const activity = review.sentBefore
      ? new Update({
          id: new URL(`${article.id!.href}#update/${stamp}`),
          actor,
          object: article,
          tos: article.toIds,
          ccs: article.ccIds,
        })
      : new Create({
          id: new URL(`${article.id!.href}#create`),
          actor,
          object: article,
          tos: article.toIds,
          ccs: article.ccIds,
        });
    // Claimed first: another instance that read the same review finds it claimed and moves
    // on. (A crash between the claim and the enqueue below loses this version's fan-out: at
    // most once, never twice.)
    if (!(await claimReviewSend(blog.db, review))) continue;
    await ctx.sendActivity(sender, "followers", activity, {
      preferSharedInbox: true,
      orderingKey: article.id!.href,
    });
    if (review.sentBefore) report.updated++;
    else report.created++;
  }
  for (const reviewId of await reviewsToRetract(blog.db, now)) {
    const objectId = reviewObjectUri(siteUrl, reviewId);
    if (!(await claimReviewRetraction(blog.db, reviewId))) continue;
    await ctx.sendActivity(
      sender,
      "followers",
      new Delete({
        id: new URL(`${objectId.href}#delete/${Date.now()}`),
        actor,
        object: new Tombstone({ id: objectId }),
        tos: [new URL("https://www.w3.org/ns/activitystreams#Public")],
      }),
      { preferSharedInbox: true, orderingKey: objectId.href },
    );
    report.deleted++;
  }
  return report;
}

/** Runs `publishDueReviews` every `intervalMs` until stopped; rounds never overlap. */
export function startPublisher(
  blog: BlogFederation,
  siteUrl: string,
  logger: Logger,
  intervalMs = 10_000,
): RepeatingRounds {
  const round = async () => {
    await publishDueReviews(blog, siteUrl);
    await publishCommentNotes(blog, siteUrl);
    await publishProfileUpdate(blog, siteUrl);
  };
  return startRepeatingRounds(round, {
    intervalMs,
    firstAfterMs: 2000,
    onError: (error) => logger.error({ err: error }, "fediverse publishing failed"),
  });
}
