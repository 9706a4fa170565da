// Posts and pages follow the owner's choice (issue 18): of each kind turned on, one going public
// goes to the blog's followers as Create(Article), an edit as Update, one no longer public as
// Delete — in the same publishing round as reviews (publish.ts), each send claimed first by a
// compare-and-set (claimPostSend) so instances sharing a database send it once.
import { Create, Update } from "@fedify/vocab";
import { retraction } from "./retraction.ts";
import type { Activity } from "@fedify/vocab";
import type { PostKind } from "../db/schema.ts";
import {
  claimPostRetraction,
  claimPostSend,
  postsToRetract,
  postsToSend,
} from "../domain/federation/post-federation.ts";
import { nowIso } from "../domain/time.ts";
import type { BlogFederation } from "./federation.ts";
import { postArticle, postObjectUri } from "./post-article.ts";

interface PublishReport {
  created: number;
  updated: number;
  deleted: number;
}

async function sendToFollowers(blog: BlogFederation, activity: Activity, orderingKey: string) {
  const sender = { identifier: (await blog.settings()).federationSlug };
  await blog
    .context()
    .sendActivity(sender, "followers", activity, { preferSharedInbox: true, orderingKey });
}

/** One round for posts and pages, now; tests call it instead of waiting for the timer. */
export async function publishDuePosts(
  blog: BlogFederation,
  siteUrl: string,
  now = nowIso(),
): Promise<PublishReport> {
  const report: PublishReport = { created: 0, updated: 0, deleted: 0 };
  const settings = await blog.settings();
  if (!settings.federationEnabled) return report;
  const kinds: PostKind[] = [];
  if (settings.federationSendPosts) kinds.push("post");
  if (settings.federationSendPages) kinds.push("page");
  const slug = settings.federationSlug;
  const ctx = blog.context();
  const actor = ctx.getActorUri(slug);
  for (const post of await postsToSend(blog.db, kinds, now)) {
    const article = postArticle(ctx, slug, siteUrl, post);
    const addressing = { actor, object: article, tos: article.toIds, ccs: article.ccIds };
    const activity = post.sentBefore
      ? new Update({
          id: new URL(`${article.id!.href}#update/${encodeURIComponent(post.updatedAt)}`),
          ...addressing,
        })
      : new Create({ id: new URL(`${article.id!.href}#create`), ...addressing });
    if (!(await claimPostSend(blog.db, post))) continue;
    await sendToFollowers(blog, activity, article.id!.href);
    if (post.sentBefore) report.updated++;
    else report.created++;
  }
  // Sent ones are retracted even once their kind is turned off: the fediverse must not keep
  // showing what the site no longer does.
  for (const postId of await postsToRetract(blog.db, now)) {
    const objectId = postObjectUri(siteUrl, postId);
    if (!(await claimPostRetraction(blog.db, postId))) continue;
    await sendToFollowers(blog, retraction(objectId, actor), objectId.href);
    report.deleted++;
  }
  return report;
}
