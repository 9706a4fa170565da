// Publishing to followers (the blog's, and the writer's when their own actor is on: each
// inbox still served once): every few seconds, reviews that went public (now or at their
// scheduled time) go out as Create(Article), edited ones as Update, and ones no longer public
// as Delete; approved comments on them follow as Notes (comment-note.ts), and a changed
// profile as Update(Person) (profile-update.ts). Fedify fans each
// activity out through the database queue, one delivery per inbox (shared inboxes
// preferred), retried with backoff while a server is down. Each send is claimed first with a
// compare-and-set in the database (claimReviewSend), so app instances sharing a database and
// running rounds at the same moment fan a review out once.
import { Create, Update } from "@fedify/vocab";
import { retraction } from "./retraction.ts";
import type { Logger } from "pino";
import type { Activity, Recipient } from "@fedify/vocab";
import { acceptedFollowerInboxes } from "../domain/federation/followers.ts";
import type { WriterActor } from "../domain/federation/writer-actors.ts";
import {
  claimReviewRetraction,
  reviewAuthorId,
  claimReviewSend,
  reviewsToRetract,
  reviewsToSend,
} from "../domain/federation/review-federation.ts";
import { nowIso } from "../domain/time.ts";
import { publishCommentNotes } from "./comment-note.ts";
import { publishProfileUpdate } from "./profile-update.ts";
import { publishDuePosts } from "./publish-posts.ts";
import type { BlogFederation } from "./federation.ts";
import { authorActor } from "./local-actors.ts";
import { reviewArticle, reviewObjectUri } from "./review-article.ts";
import { startRepeatingRounds, type RepeatingRounds } from "../domain/repeating-rounds.ts";

interface PublishReport {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Who hears of a review: the blog's followers, plus the writer's when they have an actor on.
 * Fedify serves each inbox once (a shared inbox once for all behind it), so an account
 * following both receives the review once.
 */
async function audience(
  blog: BlogFederation,
  writer: WriterActor | null,
): Promise<"followers" | Recipient[]> {
  if (!writer) return "followers";
  const followers = [
    ...(await acceptedFollowerInboxes(blog.db)),
    ...(await acceptedFollowerInboxes(blog.db, writer.userId)),
  ];
  const seen = new Set<string>();
  return followers
    .filter((f) => !seen.has(f.actorUri) && seen.add(f.actorUri))
    .map((f) => ({
      id: new URL(f.actorUri),
      inboxId: new URL(f.inbox),
      endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
    }));
}

/** Sends from the blog's actor to the review's audience, in order for the one object. */
async function send(
  blog: BlogFederation,
  writer: WriterActor | null,
  activity: Activity,
  orderingKey: string,
): Promise<void> {
  const ctx = blog.context();
  const sender = { identifier: (await blog.settings()).federationSlug };
  const options = { preferSharedInbox: true, orderingKey };
  const recipients = await audience(blog, writer);
  if (recipients === "followers") await ctx.sendActivity(sender, "followers", activity, options);
  else await ctx.sendActivity(sender, recipients, activity, options);
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
  const actor = ctx.getActorUri(slug);
  for (const review of await reviewsToSend(blog.db, now)) {
    const writer = await authorActor(blog.db, settings, review.authorId);
    const article = reviewArticle(ctx, slug, siteUrl, review, writer?.username);
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
    await send(blog, writer, activity, article.id!.href);
    if (review.sentBefore) report.updated++;
    else report.created++;
  }
  for (const reviewId of await reviewsToRetract(blog.db, now)) {
    const objectId = reviewObjectUri(siteUrl, reviewId);
    const authorId = await reviewAuthorId(blog.db, reviewId);
    const writer = authorId === undefined ? null : await authorActor(blog.db, settings, authorId);
    if (!(await claimReviewRetraction(blog.db, reviewId))) continue;
    await send(blog, writer, retraction(objectId, actor), objectId.href);
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
    await publishDuePosts(blog, siteUrl);
    await publishCommentNotes(blog, siteUrl);
    await publishProfileUpdate(blog, siteUrl);
  };
  return startRepeatingRounds(round, {
    intervalMs,
    firstAfterMs: 2000,
    onError: (error) => logger.error({ err: error }, "fediverse publishing failed"),
  });
}
